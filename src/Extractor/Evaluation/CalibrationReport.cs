using Extractor.Results;
using Extractor.Schema;
using Extractor.Validation;

namespace Extractor.Evaluation;

/// <summary>One reliability bin: fields whose confidence fell in [Low, High), their mean confidence and observed accuracy.</summary>
public sealed record ReliabilityBin(double Low, double High, int Count, double MeanConfidence, double Accuracy);

/// <summary>
/// How well confidence predicts correctness over labelled documents: the reliability table, the
/// expected calibration error (ECE: count-weighted mean of |accuracy − confidence| over the bins),
/// and the threshold curve (silent errors and review share per threshold).
/// </summary>
public sealed class CalibrationReport
{
    public static readonly double[] BinEdges = [0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 1.0000001];

    public List<(double Confidence, bool Right, bool Failing, bool HasValue)> Fields { get; } = [];

    public void Add(ExtractionResult result, TruthFile truth)
    {
        foreach (var def in Template.Fields)
        {
            if (!truth.Fields.TryGetValue(def.Path, out var expected) || !result.Fields.TryGetValue(def.Path, out var f))
            {
                continue;
            }
            if (f.Status == FieldStatus.Missing && expected is null)
            {
                continue;
            }
            var right = expected is null ? f.Value is null : f.Value == expected;
            Fields.Add((f.Confidence, right, f.Flags.Contains(Flags.CheckFailed), f.Value is not null));
        }
    }

    /// <summary>Only fields with a value have a confidence worth calibrating.</summary>
    public List<ReliabilityBin> Bins()
    {
        var valued = Fields.Where(f => f.HasValue).ToList();
        var bins = new List<ReliabilityBin>();
        for (var b = 0; b + 1 < BinEdges.Length; b++)
        {
            var inBin = valued.Where(f => f.Confidence >= BinEdges[b] && f.Confidence < BinEdges[b + 1]).ToList();
            bins.Add(new ReliabilityBin(BinEdges[b], Math.Min(1, BinEdges[b + 1]), inBin.Count,
                inBin.Count == 0 ? 0 : inBin.Average(f => f.Confidence),
                inBin.Count == 0 ? 0 : inBin.Count(f => f.Right) / (double)inBin.Count));
        }
        return bins;
    }

    public double ExpectedCalibrationError()
    {
        var bins = Bins();
        var total = bins.Sum(b => b.Count);
        return total == 0 ? 0 : bins.Sum(b => b.Count * Math.Abs(b.Accuracy - b.MeanConfidence)) / total;
    }

    public IEnumerable<(double Threshold, int Silent, double ReviewShare)> Curve() =>
        Calibration.Grid.Select(t => (t, Calibration.At(Fields, t).Silent, Calibration.At(Fields, t).ReviewShare));

    public double ChosenThreshold() => Calibration.ChooseThreshold(Fields);
}
