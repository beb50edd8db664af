namespace PersonaExplorer.Benchmarks;

/// <summary>The command line: <c>--rounds N</c> (default 9) and <c>--only a,b</c> (sections: care, steering, single-slot, cpu; default all).</summary>
public sealed record BenchOptions(int Rounds, IReadOnlySet<string>? Only)
{
    public static readonly string[] Sections = ["care", "steering", "single-slot", "cpu"];

    public bool Runs(string section) => Only is null || Only.Contains(section);

    public static BenchOptions Parse(string[] args)
    {
        var rounds = 9;
        HashSet<string>? only = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rounds" when i + 1 < args.Length && int.TryParse(args[i + 1], out var r) && r > 0:
                    rounds = r;
                    i++;
                    break;
                case "--only" when i + 1 < args.Length:
                    only = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    if (only.FirstOrDefault(s => !Sections.Contains(s, StringComparer.OrdinalIgnoreCase)) is { } unknown)
                        throw new ArgumentException($"Unknown section \"{unknown}\"; use {string.Join(", ", Sections)}.");
                    break;
                default:
                    throw new ArgumentException($"Unknown argument \"{args[i]}\". Use --rounds N and --only {string.Join(",", Sections)}.");
            }
        }
        return new BenchOptions(rounds, only);
    }

    public override string ToString() => Only is null ? "all" : string.Join(", ", Only);
}
