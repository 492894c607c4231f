using Extractor.Server.Review;

namespace Extractor.Server.Evidence;

/// <summary>
/// Everything about one figure an auditor needs to judge it: the value and its state, the labels as read, the checks
/// it takes part in, and where it was read (<see cref="Page"/> for PDFs, scans and pictures; <see cref="Text"/> for
/// HTML, DOCX and text).
/// </summary>
/// <param name="Kind">page (PDF page, text layer or OCR), picture (an image document), text (HTML, DOCX, text) or none (no evidence: missing figure).</param>
/// <param name="CellText">The cell's text as read (before it became a number).</param>
public sealed record FieldEvidenceDto(
    Guid DocumentId, string FileName, string? Format, string Path, string Label, string RowLabel, string ColumnLabel, string Unit,
    decimal? Value, string Status, double Confidence, IReadOnlyList<string> Flags,
    string? CellText, string? RowLabelAsRead, string? ColumnLabelAsRead, double? LabelScore,
    decimal? SuggestedValue, IReadOnlyList<decimal>? Alternatives,
    IReadOnlyList<CheckStateDto> Checks, FieldReviewStateDto Review, string Kind,
    PageLocationDto? Page, TextLocationDto? Text);

/// <summary>Who confirmed or corrected the figure (latest, in force).</summary>
public sealed record FieldReviewStateDto(
    bool Confirmed, string? ConfirmedBy, DateTime? ConfirmedAt, bool Corrected, string? CorrectedBy, DateTime? CorrectedAt, string? CorrectionReason);

/// <summary>
/// Where on a page the cell lies.
/// <see cref="Box"/>: [x0, y0, x1, y1] in PDF points (1/72 inch), origin at the bottom-left corner of the page,
/// y growing upwards, as the result JSON carries it (for a text-layer PDF: PDF user space of the unrotated page;
/// for a scan: the page as rendered (rotation applied), after deskewing; for a picture: the picture's corner,
/// in points of the picture at the OCR resolution).
/// <see cref="PixelBox"/>: [x0, y0, x1, y1] in pixels of the image served at <see cref="ImageUrl"/>
/// (<see cref="ImageWidth"/> × <see cref="ImageHeight"/>, at <see cref="Dpi"/>; for a picture, its own pixels),
/// origin top-left, y growing downwards, x1/y1 exclusive.
/// </summary>
public sealed record PageLocationDto(
    int Page, double[] Box, string BoxUnits, string BoxOrigin, double PageWidth, double PageHeight,
    int Dpi, int[] PixelBox, int ImageWidth, int ImageHeight, string ImageUrl, string CropUrl);

/// <summary>
/// The figure in the text the reader saw. <see cref="Source"/>: "text" (the decoded file; <see cref="Offset"/> is a
/// character offset into it) or "reader" (HTML, DOCX: the reader's text in reading order, one line per paragraph and
/// one line per table row with cells separated by tabs). <see cref="Before"/> + <see cref="Figure"/> + <see cref="After"/>
/// is an excerpt; <see cref="Figure"/> is the marked cell text at <see cref="Offset"/>, <see cref="Length"/> characters.
/// <see cref="Offset"/> is -1 when the cell is not in the text the readers give (a table that was a picture inside the
/// page, read by OCR): then only <see cref="DomPath"/> says where it was.
/// </summary>
public sealed record TextLocationDto(
    string Source, int Offset, int Length, string Before, string Figure, string After, TableViewDto? Table, string? DomPath, int? Line);

/// <summary>The table as the reader saw it: rows of cell texts (merged cells repeated in every position they cover); the figure's cell at <see cref="Row"/>, <see cref="Column"/> (0-based).</summary>
public sealed record TableViewDto(IReadOnlyList<IReadOnlyList<string>> Rows, int Row, int Column, string Strategy);

/// <summary>A rendered image (PNG).</summary>
public sealed record EvidenceImage(byte[] Png, int Width, int Height);

/// <summary>Why evidence or an image could not be had: <see cref="StatusCode"/> 404 (no such document/page/field), 409 (not extracted), 422 (no page evidence for this format), 503 (pdftoppm missing).</summary>
public sealed class EvidenceException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
