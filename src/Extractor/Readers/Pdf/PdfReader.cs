using Extractor.Model;

namespace Extractor.Readers.Pdf;

public sealed class PdfReader : IDocumentReader
{
    public string Format => "pdf";

    public LayoutDocument Read(byte[] content, string fileName, CancellationToken cancellationToken = default)
    {
        throw new DocumentReadException("reader not implemented yet");
    }
}
