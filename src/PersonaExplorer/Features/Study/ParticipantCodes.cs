using System.Security.Cryptography;

namespace PersonaExplorer.Features.Study;

/// <summary>Participant link codes: 32 characters from a 31-letter alphabet without look-alikes (~158 bits), so guessing one is hopeless.</summary>
public static class ParticipantCodes
{
    public const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    public const int Length = 32;
    private const string CompletionAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>Cheap shape check before any database look-up.</summary>
    public static bool LooksValid(string? code) =>
        code is { Length: Length } && code.All(c => Alphabet.Contains(c));

    /// <summary>
    /// A short human-friendly completion code for crowd platforms. Each participant gets their own (the study's code is its
    /// prefix), so a code passed on to someone else matches no second participant.
    /// </summary>
    public static string NewCompletionCode(string? prefix = null)
    {
        var own = RandomNumberGenerator.GetString(CompletionAlphabet, 8);
        return string.IsNullOrWhiteSpace(prefix) ? own : $"{prefix.Trim()}-{own}";
    }

    public static string Pseudonym(Data.ParticipantKind kind, int number) =>
        (kind switch { Data.ParticipantKind.Pilot => "X", Data.ParticipantKind.Simulated => "S", _ => "P" }) + number.ToString("000");
}
