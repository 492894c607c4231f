using System.Text.Json;
using System.Text.Json.Serialization;

namespace Extractor.Model;

/// <summary>
/// A <see cref="LayoutDocument"/> as JSON and back, exactly: every block, cell, span, box,
/// confidence, warning and timing survives the round trip. Used to keep what a slow reader (OCR)
/// saw, so a document is not read twice for the same engine and tools (<see cref="Evaluation.LayoutCache"/>).
/// </summary>
public static class LayoutJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static byte[] Serialize(LayoutDocument layout) =>
        JsonSerializer.SerializeToUtf8Bytes(ToDto(layout), Options);

    /// <exception cref="JsonException">The bytes are not a layout this version wrote.</exception>
    public static LayoutDocument Deserialize(ReadOnlySpan<byte> json)
    {
        var dto = JsonSerializer.Deserialize<LayoutDto>(json, Options) ?? throw new JsonException("empty layout");
        var layout = new LayoutDocument { Format = dto.Format ?? throw new JsonException("layout without a format"), Pages = dto.Pages };
        foreach (var block in dto.Blocks ?? [])
        {
            layout.Blocks.Add(block switch
            {
                { Text: { } text, Table: null } => new TextBlock(text, FromDto(block.Provenance)),
                { Text: null, Table: { } table } => new TableBlock(FromDto(table)),
                _ => throw new JsonException("a block is either text or a table"),
            });
        }
        layout.Warnings.AddRange(dto.Warnings ?? []);
        layout.UnreadablePages.AddRange(dto.UnreadablePages ?? []);
        foreach (var (stage, ms) in dto.TimingsMs ?? [])
        {
            layout.TimingsMs[stage] = ms;
        }
        return layout;
    }

    private static LayoutDto ToDto(LayoutDocument layout) => new(
        layout.Format,
        layout.Pages,
        [.. layout.Blocks.Select(b => b switch
        {
            TextBlock t => new BlockDto(t.Text, null, ToDto(t.Provenance)),
            TableBlock tb => new BlockDto(null, ToDto(tb.Table), null),
            _ => throw new NotSupportedException($"block kind {b.GetType().Name}"),
        })],
        [.. layout.Warnings],
        [.. layout.UnreadablePages],
        new Dictionary<string, double>(layout.TimingsMs, StringComparer.Ordinal));

    private static TableDto ToDto(Table table) => new(
        table.Strategy,
        ToDto(table.Provenance),
        [.. table.Cells.Select(c => new CellDto(c.Row, c.Column, c.Text, ToDto(c.Provenance), c.RowSpan, c.ColSpan, c.Confidence))]);

    private static Table FromDto(TableDto dto) => new(
        [.. (dto.Cells ?? []).Select(c => new Cell(c.Row, c.Column, c.Text ?? "", FromDto(c.Provenance), c.RowSpan, c.ColSpan) { Confidence = c.Confidence })],
        FromDto(dto.Provenance),
        dto.Strategy ?? throw new JsonException("table without a strategy"));

    private static ProvenanceDto? ToDto(Provenance p) =>
        p == Provenance.None ? null : new(p.Page, p.BBox, p.Offset, p.Line, p.DomPath);

    private static Provenance FromDto(ProvenanceDto? p) =>
        p is null ? Provenance.None : new(p.Page, p.BBox, p.Offset, p.Line, p.DomPath);

    private sealed record LayoutDto(string? Format, int Pages, List<BlockDto>? Blocks, List<string>? Warnings, List<int>? UnreadablePages, Dictionary<string, double>? TimingsMs);

    private sealed record BlockDto(string? Text, TableDto? Table, ProvenanceDto? Provenance);

    private sealed record TableDto(string? Strategy, ProvenanceDto? Provenance, List<CellDto>? Cells);

    private sealed record CellDto(int Row, int Column, string? Text, ProvenanceDto? Provenance, int RowSpan, int ColSpan, double? Confidence);

    private sealed record ProvenanceDto(int? Page, double[]? BBox, int? Offset, int? Line, string? DomPath);
}
