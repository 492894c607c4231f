using Extractor.Model;

namespace Extractor.Readers;

/// <summary>
/// A picture a document embeds (a DOCX image part, an HTML data: URI or a file beside the page), at
/// its place in reading order: what it reads belongs before block <see cref="BlockIndex"/> of the
/// document (the count of blocks read before it).
/// </summary>
/// <param name="Bytes">The picture file as stored (PNG, JPEG, ...).</param>
/// <param name="ContentType">The declared MIME type, possibly empty; the bytes decide the format.</param>
/// <param name="BlockIndex">Where its blocks go in <see cref="LayoutDocument.Blocks"/>.</param>
/// <param name="Name">How messages name it: the part or file name, or "data: URI #n".</param>
public sealed record EmbeddedPicture(byte[] Bytes, string ContentType, int BlockIndex, string Name)
{
    /// <summary>The width the document displays it at, in inches (DOCX extent, HTML width at 96 CSS px per inch); null when not given.</summary>
    public double? DisplayWidthInches { get; init; }

    /// <summary>Provenance of what is read from it: the reader's offset (DOCX block, HTML element index).</summary>
    public int? Offset { get; init; }

    /// <summary>Provenance path of the picture (e.g. p[12]/picture[1], img[40]); tables read from it are below it.</summary>
    public string? DomPath { get; init; }
}

/// <summary>Reads pictures of tables into blocks (OCR): plugged into the DOCX and HTML readers.</summary>
public interface IPictureReader
{
    /// <summary>
    /// Inserts the blocks read from each picture at its <see cref="EmbeddedPicture.BlockIndex"/> and
    /// adds a warning for every picture that could not be read (its figures are then missing).
    /// </summary>
    void ReadPictures(IReadOnlyList<EmbeddedPicture> pictures, LayoutDocument document, CancellationToken cancellationToken);
}
