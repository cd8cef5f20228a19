using Marten;

namespace Platform.Audit.Log;

public static class AuditLogModule
{
    public static IHostApplicationBuilder AddAuditLog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.ConfigureMarten(options => options.Schema.For<AuditEntry>()
            .Index(e => e.SubjectId)
            .Index(e => e.OccurredAt));
        return builder;
    }
}
