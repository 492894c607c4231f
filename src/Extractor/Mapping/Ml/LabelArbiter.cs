using Extractor.Mapping.Rules;

namespace Extractor.Mapping.Ml;

/// <summary>
/// Rules first, the model where the rules are unsure: a label the rules match exactly or with a score
/// of at least <see cref="RuleSureScore"/> is theirs; otherwise each canonical row scores the higher of
/// the rule's similarity and the model's probability, and the alignment uses that.
/// </summary>
public static class LabelArbiter
{
    /// <summary>
    /// From this the rules are trusted alone: an exact form, or a known form with a parent label glued in
    /// front (0.97). A label that only starts with a known form (0.93) may be a parent glued to a child
    /// (（六）其他处理 3.其他), and bigram or partial matches are guesses: the model decides those.
    /// </summary>
    public const double RuleSureScore = 0.95;

    /// <summary>A model this sure of a row overrides the rules' unsure guesses.</summary>
    public const double ModelSure = 0.5;

    /// <summary>The score below which a row matches nothing (the alignment's floor).</summary>
    public const double MatchFloor = 0.55;

    /// <summary>
    /// A label's certainty from its score alone, before its neighbours are considered: exact is
    /// certain; otherwise linear from the floor, and at least 0.96 from a score of 0.95.
    /// </summary>
    public static double UnboundedConfidence(double score, bool exact)
    {
        if (exact)
        {
            return 0.995;
        }
        var confidence = 0.5 + 0.45 * Math.Clamp((score - MatchFloor) / (1 - MatchFloor), 0, 1);
        return score >= 0.95 ? Math.Max(confidence, 0.96) : confidence;
    }

    public static bool RulesSure(IEnumerable<LabelMatch> ruleScores) =>
        ruleScores.Any(m => m.Exact || m.Score >= RuleSureScore);

    /// <summary>
    /// A single label, without position (the noisy-label test): the rules' best row when they are
    /// sure, otherwise the best of max(rule, model) over the rows; <see cref="LabelSpace.None"/> below the floor.
    /// </summary>
    public static (string Key, double Score, bool ByModel) ClassifyRow(IReadOnlyList<string> labelCells, LabelModel? model)
    {
        var rows = RowDictionary.ApplicationRows;
        var rules = rows.Select(r => LabelMatcher.Score(labelCells, r)).ToList();
        var bestRule = Enumerable.Range(0, rows.Count).MaxBy(j => rules[j].Score);
        if (model is null || RulesSure(rules))
        {
            return rules[bestRule].Score >= MatchFloor ? (rows[bestRule].Key, rules[bestRule].Score, false) : (LabelSpace.None, rules[bestRule].Score, false);
        }
        var prediction = PredictRow(model, labelCells);
        var best = (Key: LabelSpace.None, Score: 0.0, ByModel: false);
        for (var j = 0; j < rows.Count; j++)
        {
            var p = prediction.Of(rows[j].Key);
            var s = Combine(rules[j].Score, p, prediction);
            if (s > best.Score)
            {
                best = (rows[j].Key, s, p > rules[j].Score);
            }
        }
        return best.Score >= MatchFloor ? best : (LabelSpace.None, best.Score, best.ByModel);
    }

    /// <summary>
    /// Where the rules are unsure: the model's probability when the model is sure of some row (its
    /// view then replaces the rules' guesses), otherwise the higher of the two.
    /// </summary>
    public static double Combine(double rule, double probability, LabelPrediction prediction) =>
        prediction.Key != LabelSpace.None && prediction.Probability >= ModelSure ? probability : Math.Max(rule, probability);

    /// <summary>
    /// The model's view of a row's label cells: the whole label, or its last cell alone where that is
    /// surer (a parent label in a cell of its own is noise to the classifier).
    /// </summary>
    public static LabelPrediction PredictRow(LabelModel model, IReadOnlyList<string> labelCells)
    {
        var whole = model.Predict(LabelTask.Row, string.Join(" ", labelCells));
        if (labelCells.Count < 2 || whole.Probability >= RuleSureScore)
        {
            return whole;
        }
        var last = model.Predict(LabelTask.Row, labelCells[^1]);
        return last.Probability > whole.Probability ? last : whole;
    }
}
