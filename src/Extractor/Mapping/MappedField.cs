using Extractor.Model;
using Extractor.Results;

namespace Extractor.Mapping;

/// <summary>
/// A field as the mapper read it: the result entry, plus the two kinds of certainty the confidence
/// combines: that the right row and column were found (label), and that the cell was read right (cell).
/// Arithmetic that balances confirms the cell reading; it cannot confirm the label (two swapped
/// outcome rows still add up), so the two are kept apart.
/// </summary>
public sealed class MappedField
{
    public required FieldResult Result { get; init; }
    public double LabelConfidence { get; set; }
    public double CellConfidence { get; set; }

    /// <summary>The row was found but the value could not be read: review, not missing.</summary>
    public bool Unreadable { get; set; }

    public static MappedField From(ResolvedValue value, string rowLabel, string columnLabel, double labelConfidence, IEnumerable<string> labelFlags)
    {
        var result = new FieldResult
        {
            Value = value.Value,
            Evidence = EvidenceOf(value.Cell, rowLabel, columnLabel),
        };
        foreach (var flag in labelFlags.Concat(value.Flags))
        {
            result.AddFlag(flag);
        }
        if (value.Alternatives is { Count: > 1 } alternatives)
        {
            result.Evidence.Alternatives = alternatives;
        }
        return new MappedField
        {
            Result = result,
            LabelConfidence = labelConfidence,
            CellConfidence = value.CellConfidence,
            Unreadable = value.Value is null,
        };
    }

    public static Evidence EvidenceOf(Cell? cell, string rowLabel, string columnLabel)
    {
        var p = cell?.Provenance ?? Provenance.None;
        return new Evidence
        {
            Page = p.Page,
            Bbox = p.BBox,
            Offset = p.Offset,
            Line = p.Line,
            DomPath = p.DomPath,
            Text = cell?.Text,
            RowLabel = rowLabel,
            ColumnLabel = columnLabel,
        };
    }
}
