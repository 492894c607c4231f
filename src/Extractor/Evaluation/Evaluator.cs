using Extractor.Results;
using Extractor.Schema;

namespace Extractor.Evaluation;

/// <summary>One document's comparison with its truth.</summary>
public sealed record DocumentScore(string Path, string Format, int Fields, int Correct, int NonZero, int NonZeroCorrect, int SilentErrors, int Review, IReadOnlyList<string> Wrong, ExtractionResult Result)
{
    public bool FullyRight => Correct == Fields;
}

/// <summary>Field accuracy, nonzero accuracy, silent errors and review share (docs/TRUTH.md, what eval measures).</summary>
public sealed record Totals(string Name, int Documents, int Fields, int Correct, int NonZero, int NonZeroCorrect, int SilentErrors, int Review, int FullyRight)
{
    public double FieldAccuracy => Fields == 0 ? 0 : (double)Correct / Fields;
    public double NonZeroAccuracy => NonZero == 0 ? 1 : (double)NonZeroCorrect / NonZero;
    public double ReviewShare => Fields == 0 ? 0 : (double)Review / Fields;

    public static Totals Of(string name, IEnumerable<DocumentScore> scores)
    {
        var list = scores.ToList();
        return new Totals(name, list.Count, list.Sum(s => s.Fields), list.Sum(s => s.Correct), list.Sum(s => s.NonZero),
            list.Sum(s => s.NonZeroCorrect), list.Sum(s => s.SilentErrors), list.Sum(s => s.Review), list.Count(s => s.FullyRight));
    }
}

public static class Evaluator
{
    /// <summary>
    /// Compares a result with its truth. A field is right when its value equals the printed one, or
    /// when the truth has null (the document lacks it) and the result has no value. A silent error is
    /// a wrong field marked ok.
    /// </summary>
    public static DocumentScore Score(string path, ExtractionResult result, TruthFile truth)
    {
        int fields = 0, correct = 0, nonZero = 0, nonZeroCorrect = 0, silent = 0, review = 0;
        var wrong = new List<string>();
        foreach (var def in Template.Fields)
        {
            if (!truth.Fields.TryGetValue(def.Path, out var expected))
            {
                continue;
            }
            fields++;
            var actual = result.Fields.TryGetValue(def.Path, out var f) ? f : new FieldResult();
            var right = expected is null ? actual.Value is null : actual.Value == expected;
            if (actual.Status == FieldStatus.Review)
            {
                review++;
            }
            if (expected is not null && expected != 0)
            {
                nonZero++;
                if (right)
                {
                    nonZeroCorrect++;
                }
            }
            if (right)
            {
                correct++;
                continue;
            }
            wrong.Add($"{def.Path}: expected {Show(expected)}, got {Show(actual.Value)} ({actual.Status})");
            if (actual.Status == FieldStatus.Ok)
            {
                silent++;
            }
        }
        return new DocumentScore(path, result.Document.Format, fields, correct, nonZero, nonZeroCorrect, silent, review, wrong, result);
    }

    private static string Show(decimal? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null";
}
