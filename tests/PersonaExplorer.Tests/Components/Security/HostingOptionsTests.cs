using PersonaExplorer.Components.Security;

namespace PersonaExplorer.Tests.Components.Security;

public class HostingOptionsTests
{
    [Theory]
    [InlineData("https://study.example.org", "https://study.example.org/")]
    [InlineData("https://study.example.org/", "https://study.example.org/")]
    [InlineData("https://example.org/persona", "https://example.org/persona/")]
    [InlineData("https://example.org/persona/", "https://example.org/persona/")]
    public void Participant_links_are_built_on_the_public_base_url_with_one_trailing_slash(string configured, string expected)
    {
        var options = new HostingOptions { PublicBaseUrl = configured };

        Assert.Equal(expected, options.PublicBase?.ToString());
        Assert.Equal(expected + "p/abc", new Uri(options.PublicBase!, "p/abc").ToString());
    }

    [Fact]
    public void Without_a_public_base_url_there_is_none()
    {
        Assert.Null(new HostingOptions().PublicBase);
    }
}
