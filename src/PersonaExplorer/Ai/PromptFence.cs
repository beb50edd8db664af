using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PersonaExplorer.Ai;

/// <summary>
/// Fences user-authored data (profile concepts, needs, documents) inside prompts.
/// Each item is one JSON string literal on its own line, so no item can close the block or add a line
/// of its own: quotes, backslashes, control characters (newlines) and &lt; &gt; &amp; are escaped. Everything else
/// stays readable — "don't", "€", "Städte", "東京" reach the model as written, not as \uXXXX at several times the tokens.
/// </summary>
public static partial class PromptFence
{
    /// <summary>Relaxed escaping keeps non-ASCII text and apostrophes; it leaves &lt; &gt; &amp; alone, so those are escaped after.</summary>
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One JSON string literal for a prompt: readable text, and no way to open or close a tag.</summary>
    public static string Literal(string text) =>
        JsonSerializer.Serialize(text, Relaxed)
            .Replace("<", "\\u003C", StringComparison.Ordinal)
            .Replace(">", "\\u003E", StringComparison.Ordinal)
            .Replace("&", "\\u0026", StringComparison.Ordinal);

    public static string Block(string name, IEnumerable<FencedItem> items)
    {
        var sb = new StringBuilder();
        sb.Append('<').Append(name).Append(">\n");
        foreach (var item in items)
        {
            sb.Append("- ").Append(Literal(item.Text));
            if (item.Attributes.Count > 0)
                sb.Append(" (").Append(string.Join(", ", item.Attributes.Select(a => $"{a.Key}: {Clean(a.Value)}"))).Append(')');
            sb.Append('\n');
        }
        sb.Append("</").Append(name).Append('>');
        return sb.ToString();
    }

    /// <summary>Reads the items of the first block with this name back out of a prompt (used by the offline demo model).</summary>
    public static IReadOnlyList<FencedItem> Read(string prompt, string name)
    {
        var start = prompt.IndexOf($"<{name}>\n", StringComparison.Ordinal);
        if (start < 0) return [];
        var end = prompt.IndexOf($"</{name}>", start, StringComparison.Ordinal);
        if (end < 0) return [];
        var body = prompt[(start + name.Length + 3)..end];
        var items = new List<FencedItem>();
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var m = ItemLine().Match(line);
            if (!m.Success) continue;
            var text = JsonSerializer.Deserialize<string>(m.Groups["text"].Value) ?? "";
            var attrs = new Dictionary<string, string>();
            if (m.Groups["attrs"].Success)
                foreach (var part in m.Groups["attrs"].Value.Split(", "))
                {
                    var colon = part.IndexOf(": ", StringComparison.Ordinal);
                    if (colon > 0) attrs[part[..colon]] = part[(colon + 2)..];
                }
            items.Add(new FencedItem(text, attrs));
        }
        return items;
    }

    // Attribute values are app-controlled (categories, numbers) but are cleaned anyway.
    private static string Clean(string value) => AttributeNoise().Replace(value, " ").Trim();

    [GeneratedRegex("""^- (?<text>"(?:[^"\\]|\\.)*")(?: \((?<attrs>.*)\))?$""")]
    private static partial Regex ItemLine();

    [GeneratedRegex(@"[\r\n<>(),:]+")]
    private static partial Regex AttributeNoise();
}

public sealed record FencedItem(string Text, IReadOnlyDictionary<string, string> Attributes)
{
    public FencedItem(string text) : this(text, new Dictionary<string, string>()) { }
}
