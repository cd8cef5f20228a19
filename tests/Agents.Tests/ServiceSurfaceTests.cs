using Platform.Testing;

namespace Platform.Agents.Tests;

public class ServiceSurfaceTests(ServiceFixture<AgentsApi> fixture) : ServiceSurfaceContract<AgentsApi>(fixture, "agents");
