using System.Security.Cryptography;

namespace PersonaExplorer.Features.Study;

/// <summary>Participant link codes: 32 characters from a 31-letter alphabet without look-alikes (~158 bits), so guessing one is hopeless.</summary>
public static class ParticipantCodes
{
    public const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    public const int Length = 32;

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>Cheap shape check before any database look-up.</summary>
    public static bool LooksValid(string? code) =>
        code is { Length: Length } && code.All(c => Alphabet.Contains(c));

    /// <summary>A short human-friendly completion code for crowd platforms.</summary>
    public static string NewCompletionCode() => RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 8);

    public static string Pseudonym(Data.ParticipantKind kind, int number) =>
        (kind switch { Data.ParticipantKind.Pilot => "X", Data.ParticipantKind.Simulated => "S", _ => "P" }) + number.ToString("000");
}
