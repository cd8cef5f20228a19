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
        OpenApiOperations.Find(operations, "GET", "/api/audit/subjects/{id}/report").Success.ShouldHaveSingleItem().Schema.ShouldBe("SubjectReport");
        OpenApiOperations.Find(operations, "GET", "/api/audit/subjects/{id}/report").ErrorStatuses().ShouldBe([400, 401, 403, 404], ignoreOrder: true);
    }

    [Fact]
    public async Task the_webhook_changes_document_what_they_answer_and_refuse()
    {
        var operations = await OperationsAsync();

        OpenApiOperations.Find(operations, "DELETE", "/api/webhooks/{id}").Success.ShouldHaveSingleItem().Status.ShouldBe(204);
        OpenApiOperations.Find(operations, "POST", "/api/webhooks/{id}/disable").Success.ShouldHaveSingleItem().Schema.ShouldBe("WebhookView");
        OpenApiOperations.Find(operations, "POST", "/api/webhooks/{id}/rotate-secret").Success.ShouldHaveSingleItem().Schema.ShouldBe("RotatedWebhookSecret");
        OpenApiOperations.Find(operations, "POST", "/api/webhooks/{id}/deliveries/{deliveryId}/retry").ErrorStatuses()
            .ShouldBe([400, 401, 403, 404, 409], ignoreOrder: true);
        OpenApiOperations.Find(operations, "GET", "/api/webhooks/{id}/deliveries").Success.ShouldHaveSingleItem().Schema.ShouldBe("DeliveryList");
    }
}
