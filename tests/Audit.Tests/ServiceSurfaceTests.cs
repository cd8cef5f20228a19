using Platform.Testing;

namespace Platform.Audit.Tests;

public class ServiceSurfaceTests(ServiceFixture<AuditApi> fixture) : ServiceSurfaceContract<AuditApi>(fixture, "audit");
