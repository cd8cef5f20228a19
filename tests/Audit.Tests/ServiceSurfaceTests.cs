using Platform.Testing;

namespace Platform.Audit.Tests;

public class ServiceSurfaceTests(ServiceFixture<AuditApi> fixture) : ServiceSurfaceContract<AuditApi>(fixture, "audit")
{
    [Fact]
    public async Task the_auditors_reads_document_what_they_answer_and_refuse()
    {
        var operations = await OperationsAsync();

        OpenApiOperations.Find(operations, "GET", "/api/audit/subjects/{id}/as-of").Success.ShouldHaveSingleItem().Schema.ShouldBe("SubjectAsOf");
        OpenApiOperations.Find(operations, "GET", "/api/audit/subjects/{id}/as-of").ErrorStatuses().ShouldBe([400, 401, 403, 404], ignoreOrder: true);
        OpenApiOperations.Find(operations, "GET", "/api/audit/export").Success.ShouldHaveSingleItem().Schema.ShouldBe("ExportedEntry");
    }
}
