using Extractor.Mapping;
using Extractor.Results;
using Extractor.Schema;

namespace Extractor.Validation;

/// <summary>
/// Turns what the mapper and the checks found into each field's confidence and status. With a
/// calibration (fitted on labelled documents, <see cref="Calibration"/>) the confidence is the
/// calibrated probability of the field's evidence; without one it is label certainty × cell
/// certainty, where every balanced check the field takes part in confirms the cell reading. ok
/// needs the threshold and no failed check; a field the row of which was found but whose value
/// could not be read is review; one the document lacks is missing.
/// </summary>
public static class ConfidenceScorer
{
    /// <summary>The most confidence a figure placed by position, or read apart from its label, can have.</summary>
    public const double GuessedPlaceConfidence = 0.5;

    /// <summary>How much of the remaining doubt about a cell one balanced check removes.</summary>
    private const double CheckDoubtFactor = 0.3;

    public static void Apply(ExtractionResult result, IReadOnlyDictionary<string, MappedField> mapped, double threshold, CalibrationParameters? calibration = null)
    {
        var passing = new Dictionary<string, int>(StringComparer.Ordinal);
        var failing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var check in result.Checks)
        {
            foreach (var path in check.Fields)
            {
                if (check.Passed)
                {
                    passing[path] = passing.GetValueOrDefault(path) + 1;
                }
                else
                {
                    failing.Add(path);
                }
            }
        }
        foreach (var def in Template.Fields)
        {
            if (!mapped.TryGetValue(def.Path, out var field))
            {
                result.Fields[def.Path] = new FieldResult { Status = FieldStatus.Missing };
                continue;
            }
            var f = field.Result;
            result.Fields[def.Path] = f;
            if (f.Value is null)
            {
                f.Confidence = 0;
                f.Status = FieldStatus.Review;
                continue;
            }
            var passed = passing.GetValueOrDefault(def.Path);
            f.Features = FieldEvidence.Of(field, passed, failing.Contains(def.Path));
            var cellDoubt = (1 - field.CellConfidence) * Math.Pow(CheckDoubtFactor, passed);
            var confidence = calibration is null ? field.LabelConfidence * (1 - cellDoubt) : Calibration.Probability(calibration, f.Features);
            if (f.Flags.Contains(Flags.LabelByPosition) || f.Flags.Contains(Flags.LabelDetached))
            {
                // Which row (or column) it is was a guess: balanced checks cannot raise that.
                confidence = Math.Min(confidence, GuessedPlaceConfidence);
            }
            f.Confidence = Math.Round(confidence, 4);
            if (failing.Contains(def.Path))
            {
                f.AddFlag(Flags.CheckFailed);
                f.Status = FieldStatus.Review;
            }
            else
            {
                f.Status = IsOk(f, passed, threshold) ? FieldStatus.Ok : FieldStatus.Review;
            }
        }
    }

    /// <summary>
    /// A row placed by position or read apart from its label is never ok. A recognised figure is ok only when a balanced check confirms it and it was read surely (no
    /// <see cref="Flags.OcrUnsure"/>): misreads can balance each other (in one row of a 110 dpi
    /// screenshot a 1 read "/", so 0, and another 1 read 2, and the row total held).
    /// </summary>
    private static bool IsOk(FieldResult f, int passingChecks, double threshold) =>
        f.Confidence >= threshold
        // Balanced arithmetic confirms how a cell was read, never which row it is (swapped rows keep every total).
        && !f.Flags.Contains(Flags.LabelByPosition) && !f.Flags.Contains(Flags.LabelDetached)
        && (!f.Flags.Contains(Flags.Ocr) || (passingChecks > 0 && !f.Flags.Contains(Flags.OcrUnsure)));

    /// <summary>Re-derives statuses after a change of checks (an auditor's correction): corrected fields stay ok.</summary>
    public static void Restatus(ExtractionResult result, double threshold)
    {
        var failing = result.Checks.Where(c => !c.Passed).SelectMany(c => c.Fields).ToHashSet(StringComparer.Ordinal);
        var passing = result.Checks.Where(c => c.Passed).SelectMany(c => c.Fields).CountBy(p => p, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        foreach (var (path, f) in result.Fields)
        {
            if (f.Flags.Contains(Flags.Corrected))
            {
                f.Status = FieldStatus.Ok;
                continue;
            }
            if (f.Status == FieldStatus.Missing || f.Value is null)
            {
                continue;
            }
            if (failing.Contains(path))
            {
                f.AddFlag(Flags.CheckFailed);
                f.Status = FieldStatus.Review;
            }
            else
            {
                f.Flags.Remove(Flags.CheckFailed);
                f.Status = IsOk(f, passing.GetValueOrDefault(path), threshold) ? FieldStatus.Ok : FieldStatus.Review;
            }
        }
    }
}
