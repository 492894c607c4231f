namespace Extractor.Readers;

/// <summary>
/// The checks made before a library is handed a file (ZIP sizes and XML depth of DOCX, PDF page-tree depth and
/// reference chains, HTML nesting). On unless the environment sets EXTRACTOR_UNGUARDED=1: that switch exists only
/// to show that the worker processes contain the libraries' own crashes (the server's crash-containment tests).
/// </summary>
public static class InputGuards
{
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("EXTRACTOR_UNGUARDED") != "1";
}
