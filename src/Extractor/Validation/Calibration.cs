using Extractor.Mapping;
using Extractor.Results;

namespace Extractor.Validation;

/// <summary>
/// A field's evidence as numbers: how sure the label (row and column) was, how sure the cell
/// reading, how many checks confirm it, whether one fails, and how it was read (flags).
/// </summary>
public static class FieldEvidence
{
    public static readonly string[] Names =
        ["bias", "logitLabel", "logitCell", "passingChecks", "failingCheck", "labelMl", "labelFuzzy", "blankAsZero", "repaired", "collapsedRow", "ocr"];

    public static double[] Of(MappedField field, int passingChecks, bool failingCheck)
    {
        var flags = field.Result.Flags;
        return
        [
            1,
            Logit(field.LabelConfidence),
            Logit(field.CellConfidence),
            Math.Min(passingChecks, 3),
            failingCheck ? 1 : 0,
            flags.Contains(Flags.LabelMl) ? 1 : 0,
            flags.Contains(Flags.LabelFuzzy) ? 1 : 0,
            flags.Contains(Flags.BlankAsZero) ? 1 : 0,
            flags.Contains(Flags.CellRepaired) || flags.Contains(Flags.SplitByArithmetic) ? 1 : 0,
            flags.Contains(Flags.CollapsedRow) ? 1 : 0,
            flags.Contains(Flags.Ocr) ? 1 : 0,
        ];
    }

    /// <summary>
    /// A row label decided on its own (a noisy test label, without its neighbours): its label
    /// certainty and how it was decided, with a sure cell and two balanced checks.
    /// </summary>
    public static double[] OfLabel(double labelConfidence, bool byModel) =>
        [1, Logit(labelConfidence), Logit(1), 2, 0, byModel ? 1 : 0, byModel ? 0 : 1, 0, 0, 0, 0];

    /// <summary>Log-odds, capped: a certainty of 1 would be infinite evidence.</summary>
    public static double Logit(double p)
    {
        var q = Math.Clamp(p, 0.001, 0.999);
        return Math.Log(q / (1 - q));
    }
}

/// <summary>One field of a labelled document: its evidence, whether it was read right, whether a check failed.</summary>
public sealed record CalibrationSample(double[] Features, bool Right, bool Failing, bool HasValue);

/// <summary>
/// Turns evidence into a probability of being right (multi-feature Platt scaling: logistic
/// regression, L2-regularised, fitted by Newton's method on labelled documents), and picks the ok
/// threshold: the lowest at which no wrong field on those documents would be ok.
/// </summary>
public static class Calibration
{
    public static double Probability(CalibrationParameters parameters, double[] features)
    {
        var z = 0.0;
        for (var k = 0; k < Math.Min(features.Length, parameters.Weights.Length); k++)
        {
            z += parameters.Weights[k] * features[k];
        }
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>Newton–Raphson on the penalised log-likelihood; deterministic, converges in a few steps.</summary>
    public static double[] Fit(IReadOnlyList<CalibrationSample> samples, double l2 = 1.0, int iterations = 30)
    {
        var data = samples.Where(s => s.HasValue).ToList();
        // Platt's targets: (N+ + 1)/(N+ + 2) and 1/(N− + 2) instead of 1 and 0, so that evidence never
        // seen wrong is not taken for certainty (and the weights stay finite).
        var positives = data.Count(s => s.Right);
        var negatives = data.Count - positives;
        var targetRight = (positives + 1.0) / (positives + 2.0);
        var targetWrong = 1.0 / (negatives + 2.0);
        var d = FieldEvidence.Names.Length;
        var w = new double[d];
        for (var iter = 0; iter < iterations; iter++)
        {
            var gradient = new double[d];
            var hessian = new double[d, d];
            foreach (var s in data)
            {
                var p = 1 / (1 + Math.Exp(-Dot(w, s.Features)));
                var y = s.Right ? targetRight : targetWrong;
                var weight = p * (1 - p);
                for (var a = 0; a < d; a++)
                {
                    gradient[a] += (p - y) * s.Features[a];
                    for (var b = 0; b < d; b++)
                    {
                        hessian[a, b] += weight * s.Features[a] * s.Features[b];
                    }
                }
            }
            for (var a = 1; a < d; a++)
            {
                // The bias is not penalised.
                gradient[a] += l2 * w[a];
                hessian[a, a] += l2;
            }
            hessian[0, 0] += 1e-6;
            var step = Solve(hessian, gradient);
            var change = 0.0;
            for (var a = 0; a < d; a++)
            {
                w[a] -= step[a];
                change = Math.Max(change, Math.Abs(step[a]));
            }
            if (change < 1e-7)
            {
                break;
            }
        }
        return w.Select(x => Math.Round(x, 6)).ToArray();
    }

    /// <summary>Thresholds tried when choosing the ok threshold.</summary>
    public static readonly double[] Grid = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99, 0.995, 0.999];

    /// <summary>At threshold t: wrong fields that would be ok (silent), and the share of fields sent to review.</summary>
    public static (int Silent, double ReviewShare) At(IReadOnlyList<(double Confidence, bool Right, bool Failing, bool HasValue)> fields, double t)
    {
        var silent = fields.Count(f => f.HasValue && !f.Right && !f.Failing && f.Confidence >= t);
        var review = fields.Count(f => !f.HasValue || f.Failing || f.Confidence < t);
        return (silent, fields.Count == 0 ? 0 : (double)review / fields.Count);
    }

    /// <summary>
    /// The lowest threshold of the grid, from the default 0.9 up, with no silent error: the least review
    /// at zero silent errors. Never below 0.9: documents unlike the labelled ones must not pass on less.
    /// </summary>
    public static double ChooseThreshold(IReadOnlyList<(double Confidence, bool Right, bool Failing, bool HasValue)> fields) =>
        Grid.Where(t => t >= ExtractorOptions.DefaultThreshold).FirstOrDefault(t => At(fields, t).Silent == 0, Grid[^1]);

    private static double Dot(double[] w, double[] x)
    {
        var z = 0.0;
        for (var k = 0; k < w.Length; k++)
        {
            z += w[k] * x[k];
        }
        return z;
    }

    /// <summary>Gaussian elimination with partial pivoting (the system is small and positive definite).</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = r;
                }
            }
            for (var c = 0; c < n; c++)
            {
                (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
            }
            (x[col], x[pivot]) = (x[pivot], x[col]);
            for (var r = col + 1; r < n; r++)
            {
                var f = m[r, col] / m[col, col];
                for (var c = col; c < n; c++)
                {
                    m[r, c] -= f * m[col, c];
                }
                x[r] -= f * x[col];
            }
        }
        for (var r = n - 1; r >= 0; r--)
        {
            for (var c = r + 1; c < n; c++)
            {
                x[r] -= m[r, c] * x[c];
            }
            x[r] /= m[r, r];
        }
        return x;
    }
}
