using Extractor.Model;

namespace Extractor.Readers.Text;

public sealed class PlainTextReader : IDocumentReader
{
    public string Format => "text";

    public LayoutDocument Read(byte[] content, string fileName, CancellationToken cancellationToken = default)
    {
        throw new DocumentReadException("reader not implemented yet");
    }
}
