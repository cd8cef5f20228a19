var builder = DistributedApplication.CreateBuilder(args);
var replicas = builder.Configuration.GetValue("replicas", 1);

var postgres = builder.AddPostgres("postgres");
var platformDb = postgres.AddDatabase("platform");
var worker = builder.AddProject("worker", "tests/Hosting.Tests.App/Hosting.Tests.App.csproj")
    .WithReference(platformDb).WaitFor(platformDb).WithReplicas(replicas);
builder.AddProject("front", "tests/Hosting.Tests.App/Hosting.Tests.App.csproj")
    .WithHttpEndpoint(port: 5089)
    .WithReference(worker).WaitFor(worker);

builder.Build().Run();
