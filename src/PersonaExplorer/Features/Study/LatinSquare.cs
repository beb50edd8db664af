namespace PersonaExplorer.Features.Study;

/// <summary>Balanced (Williams) Latin squares: every item appears once in every position, and every item
/// follows every other item equally often. Odd sizes need the square plus its mirror (2n rows).</summary>
public static class LatinSquare
{
    public static int[][] Balanced(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        // First row 0, 1, n-1, 2, n-2, … ; row r adds r (mod n).
        var first = new int[n];
        for (var j = 1; j < n; j++)
            first[j] = j % 2 == 1 ? (j + 1) / 2 : n - j / 2;
        var rows = Enumerable.Range(0, n).Select(r => first.Select(v => (v + r) % n).ToArray()).ToList();
        if (n % 2 == 1 && n > 1)
            rows.AddRange(rows.Select(r => r.Reverse().ToArray()).ToList());
        return [.. rows];
    }
}
