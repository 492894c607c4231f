using Extractor;
using Extractor.Server.Endpoints;
using Extractor.Server.Hosting;
using Extractor.Server.Identity;
using Extractor.Server.Isolation;
using Extractor.Server.Jobs;
using Extractor.Server.Results;
using Extractor.Server.Review;
using Extractor.Server.Security;
using Extractor.Server.Uploads;
using Extractor.Server.Web;
using Hangfire;
using Microsoft.AspNetCore.Http.Features;
using Scalar.AspNetCore;

if (args.Contains(ExtractionWorker.Argument))
{
    return await ExtractionWorker.RunAsync(args); // a child extraction process of the pool (Isolation/)
}

var builder = WebApplication.CreateBuilder(args);

// 1. Options: the "Extractor" section, with defaults that need no set-up.
var options = builder.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
builder.Services.Configure<ServerOptions>(builder.Configuration.GetSection(ServerOptions.Section));
builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = options.Upload.MaxRequestBytes);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.Upload.MaxRequestBytes);

// 2. Security: API keys with roles; start-up is refused without any key outside Development.
ApiKeyRing keys;
try
{
    keys = ApiKeyRing.Build(options, Environment.GetEnvironmentVariable(ApiKeyRing.AdminKeyVariable), builder.Environment.IsDevelopment());
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync($"Extractor server not started: {ex.Message}");
    return 1;
}
builder.Services.AddApiKeySecurity(keys);
// Browser accounts (Identity, cookie sessions) beside the keys, and the web app's components.
builder.Services.AddWebAccounts(options, builder.Configuration);
builder.Services.AddWebApp();

// 3. Store: EF Core + Hangfire on SQLite (default) or PostgreSQL; a Hangfire server unless the role is api.
builder.Services.AddStore(options, builder.Configuration);
builder.Services.AddStoreHealthChecks();

// 4. The engine and the services around it.
builder.Services.AddSingleton(new DocumentExtractor(new ExtractorOptions { OkThreshold = options.OkThreshold, MaxBytes = options.Upload.MaxFileBytes }));
builder.Services.AddSingleton(builder.Configuration.GetSection(IsolationOptions.Section).Get<IsolationOptions>() ?? new IsolationOptions());
builder.Services.AddSingleton(sp => new ExtractorPool(sp.GetRequiredService<IsolationOptions>(), sp.GetRequiredService<DocumentExtractor>().Options,
    sp.GetRequiredService<ILogger<ExtractorPool>>()));
builder.Services.AddSingleton(_ => TransientFaults.CreatePipeline());
builder.Services.AddSingleton<JobHooks>();
builder.Services.AddScoped<ResultStore>();
builder.Services.AddScoped<CrossYearChecks>();
builder.Services.AddScoped<ServerFindings>();
builder.Services.AddScoped<BatchIngest>();
builder.Services.AddReviewServices();
builder.Services.AddScoped<Extractor.Server.Analysis.AgencyRegistry>();

builder.Services.AddApiProblemDetails();

// 5. API description.
builder.Services.AddOpenApi(o => o.AddDocumentTransformer<ApiKeyDocumentTransformer>());

var app = builder.Build();
await app.PrepareStoreAsync();
await app.PrepareAccountsAsync();

app.UseApiProblemDetails();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStoreHealth();
var docs = new[] { app.MapOpenApi(), app.MapScalarApiReference() };
if (options.PublicApiDocs ?? app.Environment.IsDevelopment())
{
    foreach (var d in docs)
    {
        d.AllowAnonymous();
    }
}
if (options.Role != ServerRole.Worker)
{
    // Every error the API answers is Problem Details (ApiProblems), whatever the endpoint returned.
    var api = app.MapGroup("").AddEndpointFilter<ApiProblems.ErrorsAsProblems>();
    api.MapBatchEndpoints();
    api.MapDocumentEndpoints();
    api.MapRuleEndpoints();
    api.MapReviewEndpoints();
    api.MapFigureEndpoints();
    api.MapExportEndpoints();
    api.MapAnalysisEndpoints();
    app.MapWebApp();
    app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], AppPath = "/", DashboardTitle = "任务监控" })
        .RequireAuthorization(Policies.Admin);
}

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
