using Extractor.Mapping.Rules;

namespace Extractor.Mapping.Ml;

/// <summary>Accuracy of the model, the rules, and both together (the pipeline's arbitration) on a set of labelled labels.</summary>
public sealed record LabelScores(int Count, double Model, double Rules, double Combined, IReadOnlyList<string> Misses)
{
    /// <summary>Share decided for a wrong row (not abstained): what could become a silent error.</summary>
    public double CombinedWrong { get; init; }

    /// <summary>Every label the pipeline decided: its score, whether the model decided, whether it was right.</summary>
    public List<(double Score, bool ByModel, bool Right)> Decisions { get; init; } = [];
}

public static class LabelEvaluation
{
    public static LabelScores Rows(LabelModel model, IReadOnlyList<LabelExample> test)
    {
        int model_ = 0, rules = 0, combined = 0, wrong = 0;
        var decisions = new List<(double, bool, bool)>();
        var misses = new List<string>();
        foreach (var e in test)
        {
            var cells = new[] { e.Text };
            var predicted = model.Predict(LabelTask.Row, e.Text);
            if (predicted.Key == e.Key)
            {
                model_++;
            }
            else if (misses.Count < 80)
            {
                misses.Add($"model {e.Key}: '{e.Text.Replace("\n", "\\n", StringComparison.Ordinal)}' → {predicted.Key} ({predicted.Probability:F2})");
            }
            var ruleBest = RowDictionary.ApplicationRows.Select(r => (r.Key, LabelMatcher.Score(cells, r).Score)).MaxBy(x => x.Score);
            if (ruleBest.Score >= LabelArbiter.MatchFloor && ruleBest.Key == e.Key)
            {
                rules++;
            }
            var decided = LabelArbiter.ClassifyRow(cells, model);
            if (decided.Key != LabelSpace.None)
            {
                decisions.Add((decided.Score, decided.ByModel, decided.Key == e.Key));
                wrong += decided.Key == e.Key ? 0 : 1;
            }
            if (decided.Key == e.Key)
            {
                combined++;
            }
            else if (misses.Count < 80)
            {
                misses.Add($"{e.Key}: '{e.Text.Replace("\n", "\\n", StringComparison.Ordinal)}' → {decided.Key} ({decided.Score:F2})");
            }
        }
        double n = Math.Max(1, test.Count);
        return new LabelScores(test.Count, model_ / n, rules / n, combined / n, misses) { CombinedWrong = wrong / n, Decisions = decisions };
    }

    /// <summary>Model accuracy alone on a task without rules (columns, 表二 rows, 表四 columns, tables).</summary>
    public static double ModelOnly(LabelModel model, LabelTask task, IReadOnlyList<LabelExample> test)
    {
        var items = test.Where(e => e.Task == task).ToList();
        return items.Count == 0 ? double.NaN : items.Count(e => model.Predict(task, e.Text).Key == e.Key) / (double)items.Count;
    }
}
