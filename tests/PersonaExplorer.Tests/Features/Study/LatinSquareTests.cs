using PersonaExplorer.Data;
using PersonaExplorer.Features.Study;

namespace PersonaExplorer.Tests.Features.Study;

public class LatinSquareTests
{
    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)] [InlineData(6)]
    public void Every_condition_appears_in_every_position_equally_often(int n)
    {
        var rows = LatinSquare.Balanced(n);
        Assert.Equal(n % 2 == 1 && n > 1 ? 2 * n : n, rows.Length);
        foreach (var row in rows) Assert.Equal(Enumerable.Range(0, n), row.Order());
        for (var pos = 0; pos < n; pos++)
        {
            var counts = rows.GroupBy(r => r[pos]).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(n, counts.Count);
            Assert.All(counts.Values, c => Assert.Equal(rows.Length / n, c));
        }
    }

    [Theory]
    [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)] [InlineData(6)]
    public void Every_condition_follows_every_other_equally_often(int n)
    {
        var rows = LatinSquare.Balanced(n);
        var pairs = rows.SelectMany(r => r.Zip(r.Skip(1))).GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(n * (n - 1), pairs.Count);
        Assert.Single(pairs.Values.Distinct());
    }

    [Fact]
    public void Four_conditions_give_the_classic_Williams_square()
    {
        Assert.Equal([[0, 1, 3, 2], [1, 2, 0, 3], [2, 3, 1, 0], [3, 0, 2, 1]], LatinSquare.Balanced(4));
    }

    [Theory]
    [InlineData(2, 2)] [InlineData(3, 3)] [InlineData(4, 4)] [InlineData(2, 4)] [InlineData(3, 1)]
    public void Within_subject_assignment_balances_condition_positions(int conditions, int tasks)
    {
        var rows = LatinSquare.Balanced(conditions).Length;
        var plans = Enumerable.Range(0, rows * 3).Select(seq => ParticipantAssigner.Plan(StudyDesign.Within, conditions, tasks, false, seq)).ToList();
        var trials = Math.Max(conditions, tasks);
        Assert.All(plans, p => Assert.Equal(trials, p.Count));
        Assert.All(plans, p => Assert.Equal(Enumerable.Range(0, conditions), p.Select(t => t.ConditionIndex).Distinct().Order()));
        for (var pos = 0; pos < trials; pos++)
        {
            var counts = plans.GroupBy(p => p[pos].ConditionIndex).Select(g => g.Count()).ToList();
            Assert.Equal(conditions, counts.Count);
            Assert.Single(counts.Distinct());
        }
        // every task is done exactly once per participant when there are at least as many tasks as conditions
        if (tasks >= conditions) Assert.All(plans, p => Assert.Equal(Enumerable.Range(0, tasks), p.Select(t => t.TaskIndex).Order()));
    }

    [Fact]
    public void Task_order_rotation_balances_task_positions_and_crosses_with_condition_order()
    {
        var plans = Enumerable.Range(0, 8).Select(seq => ParticipantAssigner.Plan(StudyDesign.Within, 2, 2, true, seq)).ToList();
        var combos = plans.Select(p => string.Join(",", p.Select(t => $"{t.ConditionIndex}{t.TaskIndex}"))).Distinct().Count();
        Assert.Equal(4, combos); // 2 condition orders × 2 task orders
        for (var pos = 0; pos < 2; pos++)
            Assert.Equal(4, plans.Count(p => p[pos].TaskIndex == 0));
    }

    [Fact]
    public void Between_subject_assignment_fills_the_least_used_condition()
    {
        var counts = new int[3];
        for (var seq = 0; seq < 30; seq++)
        {
            var plan = ParticipantAssigner.Plan(StudyDesign.Between, 3, 2, false, seq, counts);
            Assert.Single(plan.Select(t => t.ConditionIndex).Distinct());
            counts[plan[0].ConditionIndex]++;
            Assert.True(counts.Max() - counts.Min() <= 1);
        }
        Assert.All(counts, c => Assert.Equal(10, c));
        // after withdrawals the emptier condition is refilled first
        Assert.Equal(1, ParticipantAssigner.PickBetween([5, 3, 5], 3, 0));
    }

    [Fact]
    public void Forced_condition_runs_every_task_under_that_condition()
    {
        var plan = ParticipantAssigner.Plan(StudyDesign.Within, 3, 2, false, 7, forcedCondition: 2);
        Assert.Equal([new(2, 0), new(2, 1)], plan);
    }
}
