using Extractor.Model;

namespace Extractor.Readers.Html;

public sealed class HtmlReader : IDocumentReader
{
    public string Format => "html";

    public LayoutDocument Read(byte[] content, string fileName, CancellationToken cancellationToken = default)
    {
        throw new DocumentReadException("reader not implemented yet");
    }
}
