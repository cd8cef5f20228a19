using Marten;
using Platform.Infrastructure.Persistence;

namespace Platform.Dashboard.Access;

public static class DashboardStore
{
    /// <summary>
    /// Sessions and the Data Protection key ring in the dashboard's own schema, so any replica can read a
    /// session another one started. No events and no messaging: the console owns no business state.
    /// </summary>
    public static IHostApplicationBuilder AddDashboardStore(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformDataSource();
        builder.Services.AddMarten(options =>
            {
                options.DatabaseSchemaName = "dashboard";
                options.Schema.For<SignedInSession>();
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup();
        builder.AddPlatformDataProtection("platform-dashboard");
        return builder;
    }
}
