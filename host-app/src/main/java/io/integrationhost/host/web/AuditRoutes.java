package io.integrationhost.host.web;

import io.integrationhost.host.audit.AuditTrail;
import io.javalin.Javalin;

/** The audit trail, newest first, for one integration or all. */
final class AuditRoutes {

    static final int MAX_AUDIT_LIMIT = 1000;

    private final AuditTrail audit;

    AuditRoutes(AuditTrail audit) {
        this.audit = audit;
    }

    void register(Javalin app) {
        app.get("/api/audit", ctx -> ctx.json(audit.recent(QueryParameters.integrationId(ctx, "integrationId"),
                QueryParameters.auditAction(ctx, "action"), QueryParameters.whole(ctx, "limit", 100, 1, MAX_AUDIT_LIMIT))));
    }
}
