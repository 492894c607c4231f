using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Extractor.Server.Tests.Infrastructure;

/// <summary>Keeps every log line of a test server, with its scopes, to check what reaches the logs.</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<(string Category, string Message, IReadOnlyList<object?> Scopes)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<object?>();
            owner._scopes.ForEachScope((s, list) => list.Add(s), scopes);
            owner.Lines.Enqueue((category, DateTime.UtcNow.ToString("HH:mm:ss.fff ") + formatter(state, exception) + (exception is null ? "" : " " + exception), scopes));
        }
    }
}
