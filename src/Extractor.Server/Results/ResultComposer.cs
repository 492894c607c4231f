using System.Text.Json;
using Extractor.Results;
using Extractor.Schema;
using Extractor.Storage.Entities;
using Extractor.Validation;

namespace Extractor.Server.Results;

/// <summary>
/// Turns the extractor's raw result plus the auditors' corrections into the result the API serves:
/// 1. every corrected field takes its latest corrected value, status ok, flag <c>corrected</c>;
/// 2. the template's checks are re-run over the corrected fields;
/// 3. every other field is re-judged against the new checks (a failed check means review).
/// 4. every confirmed field whose value is still the value confirmed becomes ok with flag <c>confirmed</c>; a
///    confirmation whose value changed is dropped (returned in <c>dropped</c>) and the field stays under review until
///    an auditor looks again (an active <see cref="ReviewActionKind.ConfirmationDropped"/> marker).
/// The same function runs after an extraction and after a correction, so a re-extraction keeps corrections and the
/// confirmations that still hold.
/// </summary>
public static class ResultComposer
{
    /// <summary>The flag of a field an auditor confirmed as read.</summary>
    public const string ConfirmedFlag = "confirmed";

    /// <summary>The rule that needs the chapter order the segmenter met, which the stored result does not keep.</summary>
    private const string StructureOrderRule = "structure.order";

    /// <summary>Composes with corrections only (no confirmations).</summary>
    public static ExtractionResult Compose(string rawJson, IReadOnlyList<Correction> corrections, double okThreshold) =>
        Compose(rawJson, corrections, [], okThreshold, null);

    /// <summary>
    /// Composes the served result from the raw one, the corrections and the active review actions of the document
    /// (confirmations and confirmation-dropped markers; other kinds are ignored). Confirmations that no longer match
    /// the value are added to <paramref name="dropped"/> when given.
    /// </summary>
    public static ExtractionResult Compose(
        string rawJson, IReadOnlyList<Correction> corrections, IReadOnlyList<ReviewAction> actions, double okThreshold, List<ReviewAction>? dropped)
    {
        var result = ResultJson.Deserialize(rawJson) ?? throw new InvalidOperationException("stored result is empty");
        if (result.Status == "failed")
        {
            return result;
        }
        if (corrections.Count > 0)
        {
            ApplyCorrections(result, corrections, okThreshold);
        }
        ApplyConfirmations(result, actions, dropped);
        return result;
    }

    private static void ApplyConfirmations(ExtractionResult result, IReadOnlyList<ReviewAction> actions, List<ReviewAction>? dropped)
    {
        foreach (var group in actions.Where(a => a.Active && a.Path is not null).GroupBy(a => a.Path!, StringComparer.Ordinal))
        {
            if (!result.Fields.TryGetValue(group.Key, out var field))
            {
                continue;
            }
            var latest = group.MaxBy(a => a.Id)!;
            if (latest.Kind == ReviewActionKind.ConfirmationDropped)
            {
                field.Flags.Remove(ConfirmedFlag);
                if (field.Status == FieldStatus.Ok && !field.Flags.Contains(Flags.Corrected))
                {
                    field.Status = FieldStatus.Review;
                }
            }
            else if (latest.Kind == ReviewActionKind.Confirm)
            {
                if (field.Value is { } v && latest.Value is { } c && v == c)
                {
                    field.Status = FieldStatus.Ok;
                    field.AddFlag(ConfirmedFlag);
                }
                else
                {
                    dropped?.Add(latest);
                    field.Flags.Remove(ConfirmedFlag);
                    if (field.Status == FieldStatus.Ok && !field.Flags.Contains(Flags.Corrected))
                    {
                        field.Status = FieldStatus.Review;
                    }
                }
            }
        }
    }

    private static void ApplyCorrections(ExtractionResult result, IReadOnlyList<Correction> corrections, double okThreshold)
    {
        var latest = corrections.GroupBy(c => c.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(c => c.Id)!);
        foreach (var (path, c) in latest)
        {
            if (!result.Fields.TryGetValue(path, out var field))
            {
                result.Fields[path] = field = new FieldResult();
            }
            field.Value = c.NewValue;
            field.Confidence = 1.0;
            field.Status = c.NewValue is null ? FieldStatus.Missing : FieldStatus.Ok;
            field.Flags.Remove(Flags.CheckFailed);
            field.AddFlag(Flags.Corrected);
        }
        Revalidate(result, latest.Keys.ToHashSet(StringComparer.Ordinal), okThreshold);
    }

    /// <summary>
    /// Re-runs the engine's checks from the stored fields (<see cref="Validator.Validate(ExtractionResult)"/>) and
    /// re-derives statuses (<see cref="ConfidenceScorer.Restatus"/>). Checks the engine does not produce again
    /// from fields alone are kept as the extractor left them.
    /// </summary>
    private static void Revalidate(ExtractionResult result, HashSet<string> corrected, double okThreshold)
    {
        var fresh = Validator.Validate(result);
        var freshIds = fresh.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var kept = result.Checks.Where(c => !freshIds.Contains(c.Id)).ToList();
        result.Checks.Clear();
        result.Checks.AddRange(fresh);
        result.Checks.AddRange(kept);
        ConfidenceScorer.Restatus(result, okThreshold);
        // The rule pack's findings follow the re-run checks (a corrected figure's finding goes or changes). The
        // chapter order is not stored, so structure.order is kept as the extraction found it. Fields of error
        // findings become review again (Restatus knows only the checks); an auditor's corrected value stays ok.
        var unstored = result.Findings.Where(f => f.Rule == StructureOrderRule).ToList();
        Findings.Apply(result);
        foreach (var f in unstored.Where(u => !result.Findings.Any(n => n.Rule == u.Rule)))
        {
            result.Findings.Add(f);
        }
        result.Quality = RulePack.Default.Summarize(result.Findings);
        foreach (var field in result.Fields.Values.Where(f => f.Flags.Contains(Flags.Corrected)))
        {
            field.Status = FieldStatus.Ok;
        }
        foreach (var path in corrected)
        {
            // A correction to "no value" says the document truly lacks the figure.
            if (result.Fields[path].Value is null)
            {
                result.Fields[path].Status = FieldStatus.Missing;
            }
        }
    }

    /// <summary>The rows that make the figures queryable across documents.</summary>
    public static List<DocumentField> ToFieldRows(Guid documentId, ExtractionResult result)
    {
        var failedByField = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var check in result.Checks.Where(c => !c.Passed))
        {
            foreach (var path in check.Fields)
            {
                if (!failedByField.TryGetValue(path, out var list))
                {
                    failedByField[path] = list = [];
                }
                list.Add(check.Id);
            }
        }
        var rows = new List<DocumentField>(Template.Fields.Count);
        foreach (var def in Template.Fields)
        {
            var f = result.Fields.GetValueOrDefault(def.Path) ?? new FieldResult();
            var failed = failedByField.GetValueOrDefault(def.Path) ?? [];
            rows.Add(new DocumentField
            {
                DocumentId = documentId,
                Path = def.Path,
                Value = f.Value,
                Confidence = double.IsFinite(f.Confidence) ? f.Confidence : 0,
                Status = f.Status,
                Flags = string.Join(',', f.Flags),
                CheckFailed = failed.Count > 0 || f.Flags.Contains(Flags.CheckFailed),
                FailedChecks = string.Join(',', failed.Distinct()),
                EvidenceJson = f.Evidence is null ? null : JsonSerializer.Serialize(f.Evidence, ResultJson.Options),
            });
        }
        return rows;
    }

    /// <summary>Copies the summary of a composed result onto its document row.</summary>
    public static void Summarise(Document doc, ExtractionResult result)
    {
        doc.Agency = Trim(result.Report.Agency, 500);
        doc.Year = result.Report.Year;
        doc.Format = Trim(result.Document.Format, 20);
        doc.ExtractorVersion = Trim(result.Extractor.Version, 50);
        doc.OkCount = result.Fields.Values.Count(f => f.Status == FieldStatus.Ok);
        doc.ReviewCount = result.Fields.Values.Count(f => f.Status == FieldStatus.Review);
        doc.MissingCount = result.Fields.Values.Count(f => f.Status == FieldStatus.Missing);
        doc.FailedCheckCount = result.Checks.Count(c => !c.Passed);
        doc.ResultJson = ResultJson.Serialize(result);
    }

    private static string? Trim(string? s, int max) => s is null ? null : s.Length <= max ? s.Trim() : s[..max].Trim();
}
