using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Study;

/// <summary>One trial of a participant's plan: indexes into the study's ordered conditions and tasks.</summary>
public readonly record struct TrialPlan(int ConditionIndex, int TaskIndex);

/// <summary>
/// Counterbalancing. Within subjects: the condition order is row (sequence mod rows) of a balanced Latin square;
/// with more tasks than conditions each condition gets a block of consecutive tasks. Task order (optional) is a
/// second Latin square, advanced once per full cycle of condition rows so the two orders cross.
/// Between subjects: the condition with the fewest participants so far (ties broken by rotating from sequence mod n).
/// </summary>
public static class ParticipantAssigner
{
    public static IReadOnlyList<TrialPlan> Plan(StudyDesign design, int conditions, int tasks, bool rotateTasks, int sequence,
        IReadOnlyList<int>? betweenCounts = null, int? forcedCondition = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(conditions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tasks, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);

        var conditionRows = LatinSquare.Balanced(conditions);
        var taskOrder = rotateTasks
            ? LatinSquare.Balanced(tasks)[(design == StudyDesign.Within && forcedCondition is null ? sequence / conditionRows.Length : sequence) % RowCount(tasks)]
            : Enumerable.Range(0, tasks).ToArray();

        if (forcedCondition is { } forced)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(forced, conditions);
            return [.. taskOrder.Select(t => new TrialPlan(forced, t))];
        }

        if (design == StudyDesign.Between)
        {
            var condition = PickBetween(betweenCounts ?? new int[conditions], conditions, sequence);
            return [.. taskOrder.Select(t => new TrialPlan(condition, t))];
        }

        var conditionOrder = conditionRows[sequence % conditionRows.Length];
        var trials = Math.Max(conditions, tasks);
        return [.. Enumerable.Range(0, trials).Select(k => new TrialPlan(conditionOrder[k * conditions / trials], taskOrder[k % tasks]))];
    }

    /// <summary>The least-used condition; among ties the first one at or after sequence mod n.</summary>
    public static int PickBetween(IReadOnlyList<int> counts, int conditions, int sequence)
    {
        if (counts.Count != conditions) throw new ArgumentException("One count per condition is needed.", nameof(counts));
        var min = counts.Min();
        for (var i = 0; i < conditions; i++)
        {
            var c = (sequence + i) % conditions;
            if (counts[c] == min) return c;
        }
        return 0;
    }

    private static int RowCount(int n) => n % 2 == 1 && n > 1 ? 2 * n : n;
}
