using Extractor.Model;

namespace Extractor.Readers;

/// <summary>Reads one format into the unified <see cref="LayoutDocument"/>. Format-library types never leave a reader.</summary>
public interface IDocumentReader
{
    /// <summary>pdf, html, docx or text: the value of document.format in the result.</summary>
    string Format { get; }

    /// <summary>Reads the document. Throws <see cref="DocumentReadException"/> with a clear reason when it cannot.</summary>
    LayoutDocument Read(byte[] content, string fileName, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="Read"/>, for a file lying in <paramref name="folder"/>: files the document links
    /// to (an HTML page's relative images) may be read from that folder, never from outside it.
    /// </summary>
    LayoutDocument ReadInFolder(byte[] content, string fileName, string folder, CancellationToken cancellationToken = default) =>
        Read(content, fileName, cancellationToken);
}

/// <summary>A document that cannot be read; the message says why in words a user understands.</summary>
public sealed class DocumentReadException(string message, Exception? inner = null) : Exception(message, inner);
