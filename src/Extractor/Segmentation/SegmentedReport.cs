using Extractor.Model;

namespace Extractor.Segmentation;

/// <summary>Which template table a run of table rows belongs to.</summary>
public enum Region { None, Active, Applications, ReviewLitigation }

/// <summary>One row of a table, with the region the segmenter assigned it to.</summary>
public sealed record TableRow(Table Table, int Row, Region Region);

/// <summary>What the segmenter found: report identity, sections, and the table rows of 表二/表三/表四.</summary>
public sealed class SegmentedReport
{
    public string? Title { get; set; }
    public string? Agency { get; set; }
    public int? Year { get; set; }

    /// <summary>"2021" or "2019" (国办公开办函〔2019〕60号 表二).</summary>
    public string Template { get; set; } = "2021";

    /// <summary>overview, active, applications, reviewLitigation, problems, other: the prose of sections 一 to 六.</summary>
    public Dictionary<string, string> Sections { get; } = new(StringComparer.Ordinal);

    public List<TableRow> Rows { get; } = [];

    /// <summary>The chapter headings (section keys 一 to 六) in the order they were met, repeats included.</summary>
    public List<string> Chapters { get; } = [];
    public List<string> Warnings { get; } = [];
    public Dictionary<string, decimal?>? Extra { get; set; }

    public IEnumerable<TableRow> RowsOf(Region region) => Rows.Where(r => r.Region == region);
}
