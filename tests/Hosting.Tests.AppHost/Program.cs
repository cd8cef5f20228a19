var builder = DistributedApplication.CreateBuilder(args);
var replicas = builder.Configuration.GetValue("replicas", 1);

var postgres = builder.AddPostgres("postgres");
var platformDb = postgres.AddDatabase("platform");
var worker = builder.AddProject("worker", "tests/Hosting.Tests.App/Hosting.Tests.App.csproj")
    .WithReference(platformDb).WaitFor(platformDb).WithReplicas(replicas);
var front = builder.AddProject("front", "tests/Hosting.Tests.App/Hosting.Tests.App.csproj")
    .WithHttpEndpoint(port: 5089)
    .WithReference(worker).WaitFor(worker);
worker.WithEnvironment("FRONT_ORIGIN", front).WithEnvironment("FRONT_CALLBACK", front, "/app/signin");

builder.Build().Run();
