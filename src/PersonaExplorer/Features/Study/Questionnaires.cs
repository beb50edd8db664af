using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Study;

public enum ItemType { Scale0To100, Likert, FreeText }

/// <summary>One question as shown and stored. <see cref="Id"/> = "Instrument:Key" identifies the answer.</summary>
public sealed record QuestionnaireItem(string Instrument, string Key, int Index, string Text, ItemType Type,
    int Points = 5, string? LowLabel = null, string? HighLabel = null, bool Required = true)
{
    public string Id => $"{Instrument}:{Key}";
}

public static class Instruments
{
    public const string Tlx = "NASA-TLX";
    public const string Sus = "SUS";
    public const string Likert = "Likert";
    public const string Text = "Text";
}

/// <summary>Raw NASA-TLX (Hart 2006): six subscales rated 0–100 in steps of 5; the raw score is their unweighted mean.</summary>
public static class TlxScoring
{
    public static readonly IReadOnlyList<(string Key, string Text, string Low, string High)> Items =
    [
        ("mental", "Mental demand: how mentally demanding was the task?", "Very low", "Very high"),
        ("physical", "Physical demand: how physically demanding was the task?", "Very low", "Very high"),
        ("temporal", "Temporal demand: how hurried or rushed was the pace of the task?", "Very low", "Very high"),
        ("performance", "Performance: how successful were you in accomplishing what you were asked to do?", "Perfect", "Failure"),
        ("effort", "Effort: how hard did you have to work to accomplish your level of performance?", "Very low", "Very high"),
        ("frustration", "Frustration: how insecure, discouraged, irritated, stressed and annoyed were you?", "Very low", "Very high"),
    ];

    /// <param name="ratings">Six ratings in item order, each 0–100.</param>
    public static double RawScore(IReadOnlyList<double> ratings)
    {
        if (ratings.Count != 6) throw new ArgumentException("NASA-TLX has six subscales.", nameof(ratings));
        if (ratings.Any(r => r is < 0 or > 100 || double.IsNaN(r))) throw new ArgumentOutOfRangeException(nameof(ratings), "Ratings are 0–100.");
        return ratings.Average();
    }
}

/// <summary>System Usability Scale (Brooke 1996): ten items rated 1–5; odd items score r−1, even items 5−r; the sum × 2.5 gives 0–100.</summary>
public static class SusScoring
{
    public static readonly IReadOnlyList<string> Items =
    [
        "I think that I would like to use this system frequently.",
        "I found the system unnecessarily complex.",
        "I thought the system was easy to use.",
        "I think that I would need the support of a technical person to be able to use this system.",
        "I found the various functions in this system were well integrated.",
        "I thought there was too much inconsistency in this system.",
        "I would imagine that most people would learn to use this system very quickly.",
        "I found the system very cumbersome to use.",
        "I felt very confident using the system.",
        "I needed to learn a lot of things before I could get going with this system.",
    ];

    /// <param name="responses">Ten responses in item order, each 1–5.</param>
    public static double Score(IReadOnlyList<int> responses)
    {
        if (responses.Count != 10) throw new ArgumentException("SUS has ten items.", nameof(responses));
        if (responses.Any(r => r is < 1 or > 5)) throw new ArgumentOutOfRangeException(nameof(responses), "Responses are 1–5.");
        var sum = 0;
        for (var i = 0; i < 10; i++)
            sum += i % 2 == 0 ? responses[i] - 1 : 5 - responses[i];
        return sum * 2.5;
    }
}

/// <summary>Builds the questionnaire shown after a task or at the end of a study.</summary>
public static class QuestionnaireBuilder
{
    public static IReadOnlyList<QuestionnaireItem> Build(ResearchStudy study, QuestionScope scope)
    {
        var items = new List<QuestionnaireItem>();
        var (tlx, sus) = scope == QuestionScope.AfterEachTask
            ? (study.TlxAfterEachTask, study.SusAfterEachTask)
            : (study.TlxAtEnd, study.SusAtEnd);
        if (tlx)
            items.AddRange(TlxScoring.Items.Select((it, i) => new QuestionnaireItem(Instruments.Tlx, it.Key, i + 1, it.Text, ItemType.Scale0To100, 21, it.Low, it.High)));
        if (sus)
            items.AddRange(SusScoring.Items.Select((text, i) => new QuestionnaireItem(Instruments.Sus, $"q{i + 1}", i + 1, text, ItemType.Likert, 5, "Strongly disagree", "Strongly agree")));
        foreach (var q in study.Questions.Where(q => q.Scope == scope).OrderBy(q => q.Order))
            items.Add(q.Kind == QuestionKind.Likert
                ? new QuestionnaireItem(Instruments.Likert, q.Id.ToString("N"), q.Order + 1, q.Text, ItemType.Likert, q.Points, q.LowLabel, q.HighLabel)
                : new QuestionnaireItem(Instruments.Text, q.Id.ToString("N"), q.Order + 1, q.Text, ItemType.FreeText, Required: false));
        return items;
    }

    /// <returns>null when every required item has a valid answer, else the message to show.</returns>
    public static string? Validate(IReadOnlyList<QuestionnaireItem> items, IReadOnlyDictionary<string, QuestionnaireResponse> answers)
    {
        var missing = 0;
        foreach (var item in items)
        {
            answers.TryGetValue(item.Id, out var a);
            switch (item.Type)
            {
                case ItemType.Scale0To100 when a?.Value is { } v && (v < 0 || v > 100 || v % 5 != 0):
                    return $"\"{item.Text}\" takes a value from 0 to 100 in steps of 5.";
                case ItemType.Likert when a?.Value is { } v && (v < 1 || v > item.Points || v % 1 != 0):
                    return $"\"{item.Text}\" takes a value from 1 to {item.Points}.";
                case ItemType.FreeText when a?.Text is { Length: > 4000 }:
                    return "Answers are at most 4,000 characters.";
                case ItemType.Scale0To100 or ItemType.Likert when a?.Value is null && item.Required:
                    missing++;
                    break;
            }
        }
        return missing == 0 ? null : missing == 1 ? "One question is not answered yet." : $"{missing} questions are not answered yet.";
    }
}

/// <summary>A participant's answer to one item.</summary>
public sealed record QuestionnaireResponse(double? Value, string? Text = null);
