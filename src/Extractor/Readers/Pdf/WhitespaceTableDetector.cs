namespace Extractor.Readers.Pdf;

/// <summary>Stream strategy: tables without rules, from aligned text columns. (Placeholder until implemented.)</summary>
internal sealed class WhitespaceTableDetector : ITableDetector
{
    public static readonly WhitespaceTableDetector Instance = new();

    public string Strategy => "stream";

    public static bool HasNumberColumns(IReadOnlyList<Glyph> glyphs) => false;

    public TableDetection Detect(PageContent page, IReadOnlyList<Glyph> glyphs) => TableDetection.Empty;
}
