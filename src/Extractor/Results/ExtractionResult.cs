using System.Text.Json.Serialization;

namespace Extractor.Results;

/// <summary>The result JSON, schema version 1 (docs/RESULT.md).</summary>
public sealed class ExtractionResult
{
    public int SchemaVersion { get; init; } = 1;

    /// <summary>ok: read; partial: read, but some pages or tables could not be; failed: nothing could be read (see <see cref="Error"/>).</summary>
    public string Status { get; set; } = "ok";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; set; }

    public required DocumentInfo Document { get; init; }
    public ReportInfo Report { get; init; } = new();

    /// <summary>All 200 paths of fields.tsv, always, in that order.</summary>
    public Dictionary<string, FieldResult> Fields { get; init; } = new(StringComparer.Ordinal);

    public List<CheckResult> Checks { get; init; } = [];

    /// <summary>The rule pack's findings (Validation/RulePack/rules.json): every failed check and every other rule that fired.</summary>
    public List<Finding> Findings { get; set; } = [];

    /// <summary>Counts of <see cref="Findings"/> by severity, and the rule pack's version.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public QualitySummary? Quality { get; set; }

    /// <summary>The chapter headings (一 to 六) in the order the segmenter met them: for the structure rules, not serialised.</summary>
    [JsonIgnore]
    public List<string>? ChapterOrder { get; set; }
    public Dictionary<string, string> Sections { get; init; } = new(StringComparer.Ordinal);
    public List<string> Warnings { get; init; } = [];

    /// <summary>Template figures outside the 200 fields (e.g. the 2019 表二), keyed by a descriptive path.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, decimal?>? Extra { get; set; }

    public ExtractorInfo Extractor { get; init; } = new();
    public Dictionary<string, double> TimingsMs { get; init; } = new(StringComparer.Ordinal);
}

public sealed class DocumentInfo
{
    public required string FileName { get; init; }
    public required string Sha256 { get; init; }
    public string Format { get; set; } = "unknown";
    public int Pages { get; set; }
}

public sealed class ReportInfo
{
    public string? Agency { get; set; }
    public int? Year { get; set; }
    public string? Title { get; set; }

    /// <summary>Which national template the tables follow: "2021" or "2019".</summary>
    public string? Template { get; set; }
}

public sealed class ExtractorInfo
{
    public string Version { get; init; } = typeof(ExtractorInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ModelVersion { get; set; }
}

public static class FieldStatus
{
    public const string Ok = "ok";
    public const string Review = "review";
    public const string Missing = "missing";
}

/// <summary>Why a field is not plainly read. Stable names: they appear in the JSON and the API.</summary>
public static class Flags
{
    public const string BlankAsZero = "blank_as_zero";
    public const string LabelFuzzy = "label_fuzzy";
    public const string LabelRule = "label_rule";
    public const string LabelMl = "label_ml";

    /// <summary>A row of figures printed without its label, placed by its position among the labelled rows: a guess, never ok.</summary>
    public const string LabelByPosition = "label_by_position";

    /// <summary>A row of figures whose label was read only on lines apart from it (a converter's fragments): never ok.</summary>
    public const string LabelDetached = "label_detached";
    public const string CellRepaired = "cell_repaired";
    public const string SplitAmbiguous = "split_ambiguous";
    public const string SplitByArithmetic = "split_by_arithmetic";
    public const string CollapsedRow = "collapsed_row";
    public const string NotANumber = "not_a_number";
    public const string Ocr = "ocr";

    /// <summary>An OCR figure read unsurely (the recognisers disagreed, or one hardly knew): never ok, whatever its checks.</summary>
    public const string OcrUnsure = "ocr_unsure";
    public const string CheckFailed = "check_failed";
    public const string Corrected = "corrected";
    public const string Suggested = "suggested";
    public const string Negative = "negative";
    public const string NotInteger = "not_integer";
}

public sealed class FieldResult
{
    public decimal? Value { get; set; }
    public double Confidence { get; set; }
    public string Status { get; set; } = FieldStatus.Missing;
    public List<string> Flags { get; set; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Evidence? Evidence { get; set; }

    /// <summary>The evidence the confidence was computed from (Validation.FieldEvidence): kept for calibration, not serialised.</summary>
    [JsonIgnore]
    public double[]? Features { get; set; }

    public void AddFlag(string flag)
    {
        if (!Flags.Contains(flag))
        {
            Flags.Add(flag);
        }
    }
}

public sealed class Evidence
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Page { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double[]? Bbox { get; set; }

    /// <summary>Character offset (text) or element index (HTML) of the cell.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Offset { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Line { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DomPath { get; set; }

    public string? Text { get; set; }
    public string? RowLabel { get; set; }
    public string? ColumnLabel { get; set; }

    /// <summary>How sure the label match was (1 for an exact canonical label).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? LabelScore { get; set; }

    /// <summary>A value that would balance a failed check (flag <c>suggested</c>); the printed value is kept.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? SuggestedValue { get; set; }

    /// <summary>Other readings that fit as well (an ambiguous split of run-together digits).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<decimal>? Alternatives { get; set; }
}

public sealed class CheckResult
{
    public required string Id { get; init; }
    public bool Passed { get; set; }
    public List<string> Fields { get; init; } = [];
    public string Message { get; set; } = "";
}

/// <summary>One finding of a rule of the rule pack.</summary>
public sealed class Finding
{
    public string Rule { get; set; } = "";

    /// <summary>error, warning or notice (the rule's severity).</summary>
    public string Severity { get; set; } = "";

    /// <summary>In Chinese, naming the figures or passages involved.</summary>
    public string Message { get; set; } = "";

    public List<string> Fields { get; set; } = [];
    public List<Passage> Passages { get; set; } = [];
}

/// <summary>A passage of the report's prose a finding is about.</summary>
public sealed class Passage
{
    /// <summary>The section key (preamble: the title and the text before 一; overview, active, applications, reviewLitigation, problems, other).</summary>
    public string Section { get; set; } = "";

    /// <summary>Character offset of the passage in <c>sections[section]</c> .</summary>
    public int Offset { get; set; }

    public int Length { get; set; }
    public string Text { get; set; } = "";
}

public sealed class QualitySummary
{
    public string RulePack { get; set; } = "";
    public int Errors { get; set; }
    public int Warnings { get; set; }
    public int Notices { get; set; }
}
