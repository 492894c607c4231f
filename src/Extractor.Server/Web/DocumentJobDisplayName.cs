using Extractor.Storage;
using Hangfire;
using Hangfire.Common;
using Hangfire.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace Extractor.Server.Web;

/// <summary>Names an extraction job in the Hangfire dashboard by its document's file name (the job itself carries only the id).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DocumentJobDisplayNameAttribute() : JobDisplayNameAttribute("提取文档 {0}")
{
    public override string Format(DashboardContext context, Job job)
    {
        if (job.Args.Count > 0 && job.Args[0] is Guid id && context.GetHttpContext() is { } http)
        {
            try
            {
                var db = http.RequestServices.GetRequiredService<ExtractorDbContext>();
                var name = db.Documents.AsNoTracking().Where(d => d.Id == id).Select(d => d.FileName).SingleOrDefault();
                if (name is not null)
                {
                    return $"提取 {name}";
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or DbUpdateException)
            {
                // The name is a courtesy: the id below still identifies the job.
            }
        }
        return base.Format(context, job);
    }
}
