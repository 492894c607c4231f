using System.Text.Json;
using Extractor.Server.Jobs;
using Extractor.Server.Security;
using Extractor.Storage;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Extractor.Server.Hosting;

/// <summary>What runs once before the server takes requests.</summary>
public static class Startup
{
    /// <summary>
    /// Problem Details (RFC 9457) for the API's errors, in every environment: a request whose body cannot be bound
    /// (broken JSON, a value of the wrong type) is answered 400 naming the field and the reason; any other
    /// exception 500 with no detail (that goes to the log). The request's headers (X-Api-Key) are never echoed:
    /// the developer exception page is never reached.
    /// </summary>
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails();
        // Binding failures are thrown (and answered below) in every environment, not an empty 400 in Production.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    public static void UseApiProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex is BadHttpRequestException b ? b.StatusCode : StatusCodes.Status500InternalServerError,
            ExceptionHandler = async http =>
            {
                var ex = http.Features.Get<IExceptionHandlerFeature>()?.Error;
                var problem = Describe(ex);
                http.Response.StatusCode = problem.Status ?? 500;
                if (problem.Status >= 500)
                {
                    app.Logger.LogError(ex, "Unhandled error on {Path}", http.Request.Path);
                }
                else
                {
                    app.Logger.LogInformation("Bad request on {Path}: {Detail}", http.Request.Path, ex?.Message);
                }
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = problem,
                    Exception = null, // never the exception's text or the request's headers
                });
            },
        });
    }

    /// <summary>What the client is told: for a bad body, the JSON field and the reason; for anything else, nothing internal.</summary>
    internal static ProblemDetails Describe(Exception? ex)
    {
        if (ex is BadHttpRequestException bad)
        {
            var json = FindInner<JsonException>(ex);
            var field = json?.Path is { Length: > 0 } p ? p.TrimStart('$', '.') : null;
            var reason = json is null
                ? "请求无法读取（格式或参数不正确）。"
                : field is null or "" ? "请求正文不是有效的 JSON。" : $"字段“{field}”的值类型不正确或 JSON 格式有误。";
            var problem = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "请求有误",
                Detail = reason,
                Type = "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
            };
            if (field is { Length: > 0 })
            {
                problem.Extensions["field"] = field;
            }
            problem.Extensions["error"] = reason;
            return problem;
        }
        return new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "服务器内部错误",
            Detail = "处理请求时出错，详细信息已记录在服务器日志中。",
            Type = "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1",
            Extensions = { ["error"] = "处理请求时出错，详细信息已记录在服务器日志中。" },
        };
    }

    private static T? FindInner<T>(Exception? ex) where T : Exception
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is T t)
            {
                return t;
            }
        }
        return null;
    }

    /// <summary>Applies the migrations of the configured provider (every role: whichever process starts first creates the schema).</summary>
    public static async Task PrepareStoreAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ExtractorDbContext>();
        await StorageSetup.MigrateAsync(db);
        var options = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value;
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Extractor.Server");
        if (options.Role != ServerRole.Api)
        {
            app.Services.GetRequiredService<IRecurringJobManager>()
                .AddOrUpdate<RequeueOrphansJob>(RequeueOrphansJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        }
        log.LogInformation("Extractor server: role {Role}, store {Store}, extractor {Version}", options.Role, options.Store, ExtractDocumentJob.CurrentVersion);
        if (app.Services.GetRequiredService<ApiKeyRing>().UsesDevelopmentKey)
        {
            // The documented development key only (README, docs/SERVICE.md); configured keys are never logged.
            log.LogWarning("Development: no API key configured; use the header {Header}: {Key} (admin). Never in production.",
                ApiKeyRing.HeaderName, ApiKeyRing.DevelopmentKey);
        }
    }
}
