package io.diseq.node.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.diseq.node.http.ApiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code /v1/messages}: submit a message (to the raw topic; ingest validates and orders it) and
 * fetch a message's receipt (docs/protocol.md §7.17) or the proof that it is not sequenced (§7.20). The body is read here, not bound by
 * Jersey, so that every malformed body is a typed 4xx; the {@code BodyLimitFilter} bounds it.
 */
@Path("/v1/messages")
@Produces(MediaType.APPLICATION_JSON)
public final class MessageResource {
    private static final ObjectReader STRICT_JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .readerFor(JsonNode.class);

    private final ChainQueries queries;
    private final MessageSubmitter submitter;
    private final boolean submitEnabled;
    private final int maxMessageBytes;

    public MessageResource(ChainQueries queries, MessageSubmitter submitter, boolean submitEnabled, int maxMessageBytes) {
        this.queries = queries;
        this.submitter = submitter;
        this.submitEnabled = submitEnabled;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** 200 with the receipt, or 404 {@code MESSAGE_NOT_FOUND} with the proof of absence (§7.17, §7.20). */
    @GET
    @Path("{id}/receipt")
    public Response receipt(@PathParam("id") String id) {
        Views.ReceiptOrAbsence answer = queries.receiptOrAbsence(Params.messageId(id));
        Response.Status status = answer instanceof Views.Receipt ? Response.Status.OK : Response.Status.NOT_FOUND;
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(answer).build();
    }

    /** Raw bytes ({@code application/octet-stream}) or {@code {"data": "<hex>"}} ({@code application/json}). */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response submit(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        if (!submitEnabled) {
            throw new ApiException(ApiCode.SUBMIT_DISABLED, "HTTP submit is disabled on this node");
        }
        byte[] message = message(mediaType(contentType), readAll(body));
        if (message.length == 0) {
            throw new ApiException(ApiCode.EMPTY_MESSAGE, "a message has at least one byte");
        }
        if (message.length > maxMessageBytes) {
            throw new ApiException(ApiCode.MESSAGE_TOO_LARGE, "a message has at most " + maxMessageBytes + " bytes");
        }
        return Response.status(Response.Status.ACCEPTED)
                .entity(new Views.Submitted(submitter.submit(message).toHex())).build();
    }

    private static MediaType mediaType(String contentType) {
        if (contentType == null) {
            throw unsupported();
        }
        try {
            MediaType type = MediaType.valueOf(contentType);
            if (type.isCompatible(MediaType.APPLICATION_OCTET_STREAM_TYPE) && !type.isWildcardType()
                    || type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
                return type;
            }
        } catch (IllegalArgumentException e) {
            throw unsupported();
        }
        throw unsupported();
    }

    private static byte[] message(MediaType type, byte[] body) {
        if (type.isCompatible(MediaType.APPLICATION_OCTET_STREAM_TYPE)) {
            return body;
        }
        JsonNode json;
        try {
            json = STRICT_JSON.readValue(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(ApiCode.MALFORMED, "body is not a JSON object {\"data\": \"<hex>\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (json == null || !json.isObject() || json.size() != 1 || !json.path("data").isTextual()) {
            throw new ApiException(ApiCode.MALFORMED, "body must be exactly {\"data\": \"<hex>\"}");
        }
        return Params.hex(json.get("data").textValue());
    }

    private static byte[] readAll(InputStream body) {
        try {
            return body.readAllBytes();
        } catch (IOException e) {
            throw new ApiException(ApiCode.MALFORMED, "request body could not be read: " + e.getMessage());
        }
    }

    private static ApiException unsupported() {
        return new ApiException(ApiCode.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type must be application/octet-stream or application/json");
    }
}
