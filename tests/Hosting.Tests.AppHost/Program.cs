var builder = DistributedApplication.CreateBuilder(args);
var replicas = builder.Configuration.GetValue("replicas", 1);

var postgres = builder.AddPostgres("postgres");
var platformDb = postgres.AddDatabase("platform");
var worker = builder.AddProject("worker", "tests/Hosting.Tests.App/Hosting.Tests.App.csproj")
    .WithReference(platformDb).WaitFor(platformDb).WithReplicas(replicas);
var front = builder.AddProject("front", "tests/Hosting.Tests.App/Hosting.Tests.App.csproj")
    .WithHttpEndpoint(port: 5089)
    .WithReference(worker).WaitFor(worker);
// Endpoint references, as the platform's AppHost gives Tokens its issuer and the MCP server its resource.
worker.WithEnvironment("PUBLIC_ORIGIN", front).WithEnvironment("PUBLIC_MCP", front, "/mcp");

builder.Build().Run();
