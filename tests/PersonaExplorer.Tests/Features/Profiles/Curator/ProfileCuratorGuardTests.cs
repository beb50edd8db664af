using PersonaExplorer.Data;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Features.Profiles.Curator;

namespace PersonaExplorer.Tests.Features.Profiles.Curator;

/// <summary>
/// The guard reads words in context: tastes that contain a sensitive-looking word pass as ordinary concepts, while
/// sensitive statements — in English, German or Spanish — pass only when stated in the first person (then private),
/// and are never proposed from indirect cues.
/// </summary>
public class ProfileCuratorGuardTests
{
    public enum Verdict { Ordinary, Private, Dropped }

    public static TheoryData<string, ConceptCategory, string, string, Verdict> Cases => new()
    {
        // concept text, category, evidence, what the person wrote, verdict
        // Tastes with a sensitive-looking word are ordinary concepts.
        { "prefers white wine", ConceptCategory.Diet, "I prefer white wine", "I prefer white wine with fish.", Verdict.Ordinary },
        { "loves Asian food", ConceptCategory.Diet, "I love Asian food", "I love Asian food, find me a place.", Verdict.Ordinary },
        { "prefers straight flights", ConceptCategory.Travel, "only straight flights", "Book only straight flights please.", Verdict.Ordinary },
        { "interested in liberal arts", ConceptCategory.Learning, "I want to study liberal arts", "I want to study liberal arts abroad.", Verdict.Ordinary },
        { "likes black coffee", ConceptCategory.Diet, "black coffee", "A café with good black coffee.", Verdict.Ordinary },
        { "enjoys rich desserts", ConceptCategory.Diet, "rich desserts", "Somewhere with rich desserts.", Verdict.Ordinary },
        { "likes heritage sites", ConceptCategory.Travel, "heritage sites", "We love heritage sites.", Verdict.Ordinary },
        { "takes the trans-Siberian railway", ConceptCategory.Travel, "the trans-Siberian railway", "I dream of the trans-Siberian railway.", Verdict.Ordinary },
        { "bevorzugt Weißwein", ConceptCategory.Diet, "Ich trinke am liebsten Weißwein", "Ich trinke am liebsten Weißwein.", Verdict.Ordinary },
        { "mag asiatische Küche", ConceptCategory.Diet, "asiatische Küche", "Wir mögen asiatische Küche.", Verdict.Ordinary },
        { "prefiere vino blanco", ConceptCategory.Diet, "prefiero vino blanco", "Con pescado prefiero vino blanco.", Verdict.Ordinary },
        { "prefiere vuelos directos", ConceptCategory.Travel, "solo vuelos directos", "Quiero solo vuelos directos.", Verdict.Ordinary },
        { "answers in German", ConceptCategory.Style, "Antworte bitte auf Deutsch", "Antworte bitte auf Deutsch.", Verdict.Ordinary },
        // Stated in the first person: kept, private by default.
        { "is straight", ConceptCategory.General, "I am straight", "I am straight and single, plan a singles trip.", Verdict.Private },
        { "ist Muslim", ConceptCategory.Religion, "Ich bin Muslim", "Ich bin Muslim, bitte nur Halal-Restaurants.", Verdict.Private },
        { "allergisch gegen Nüsse", ConceptCategory.Health, "Ich bin allergisch gegen Nüsse", "Ich bin allergisch gegen Nüsse.", Verdict.Private },
        { "hat Schulden", ConceptCategory.Finances, "ich habe Schulden", "Leider habe ich Schulden, ich habe Schulden bei der Bank.", Verdict.Private },
        { "vegano por motivos religiosos", ConceptCategory.Religion, "Soy vegano por motivos religiosos", "Soy vegano por motivos religiosos.", Verdict.Private },
        { "es diabético", ConceptCategory.Health, "Soy diabético", "Soy diabético, nada de postres.", Verdict.Private },
        { "tiene deudas", ConceptCategory.Finances, "Tengo muchas deudas", "Tengo muchas deudas, algo barato.", Verdict.Private },
        // Inferred from indirect cues: never proposed.
        { "ist vermutlich Muslim", ConceptCategory.Religion, "Ich heiße Mohammed", "Hallo, ich heiße Mohammed. Wo kann ich essen?", Verdict.Dropped },
        { "könnte depressiv sein", ConceptCategory.Health, "Ich bin in letzter Zeit so müde und traurig", "Ich bin in letzter Zeit so müde und traurig.", Verdict.Dropped },
        { "ist schwul", ConceptCategory.Orientation, "mein Freund und ich", "Plane ein Wochenende für mein Freund und ich.", Verdict.Dropped },
        { "wählt konservativ", ConceptCategory.Politics, "ich sehe jeden Abend Nachrichten", "Ich sehe jeden Abend Nachrichten.", Verdict.Dropped },
        { "es gay", ConceptCategory.Orientation, "mi novio y yo", "Planea un fin de semana para mi novio y yo.", Verdict.Dropped },
        { "es cristiano", ConceptCategory.Religion, "mi amiga va a la iglesia", "El domingo mi amiga va a la iglesia.", Verdict.Dropped },
        { "tiene ingresos bajos", ConceptCategory.Finances, "perdí mi trabajo", "Desde que perdí mi trabajo no podemos gastar mucho.", Verdict.Dropped },
        { "es de origen árabe", ConceptCategory.General, "me llamo Mohammed", "Hola, me llamo Mohammed.", Verdict.Dropped },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_guard_reads_the_concept_in_context(string text, ConceptCategory category, string evidence, string written, Verdict verdict)
    {
        var draft = new ConceptProposalDraft { Text = text, Category = category, Evidence = evidence, Stated = true, Confidence = ConfidenceLevel.High, ConfidenceScore = 0.9 };

        var (kept, rejected) = ProfileCuratorGuard.Apply([draft], [written]);

        switch (verdict)
        {
            case Verdict.Dropped:
                Assert.Empty(kept);
                Assert.Single(rejected);
                break;
            case Verdict.Private:
                var sensitive = Assert.Single(kept);
                Assert.True(sensitive.IsPrivate);
                Assert.NotNull(sensitive.SensitiveCategory);
                break;
            default:
                var ordinary = Assert.Single(kept);
                Assert.False(ordinary.IsPrivate);
                Assert.Null(ordinary.SensitiveCategory);
                Assert.Equal(ConfidenceLevel.High, ordinary.Level);
                break;
        }
    }
}
