package com.atsplatform.communications.whatsapp.graph;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The Graph API's JSON, as records (snake_case by the application's naming strategy). Every
 * response record ignores unknown fields: Meta adds fields without notice.
 */
public final class GraphPayloads {

    private GraphPayloads() {
    }

    // --- POST /{phone-number-id}/messages --------------------------------------------------------

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MessageRequest(String messagingProduct, String recipientType, String to, String type,
            TemplateBody template, TextBody text, String bizOpaqueCallbackData) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TemplateBody(String name, Language language, List<Component> components) {
    }

    @RegisterForReflection
    public record Language(String code) {
    }

    /** {@code index} is a string in Meta's API. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Component(String type, String subType, String index, List<Parameter> parameters) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parameter(String type, String text, String payload) {
    }

    @RegisterForReflection
    public record TextBody(boolean previewUrl, String body) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageResponse(String messagingProduct, List<Contact> contacts, List<SentMessage> messages) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Contact(String input, String waId) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SentMessage(String id, String messageStatus) {
    }

    // --- GET /{waba-id}/message_templates --------------------------------------------------------

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TemplatePage(List<Template> data, Paging paging) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Template(String id, String name, String language, String status, String category,
            String parameterFormat, List<TemplateComponent> components) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TemplateComponent(String type, String format, String text, List<Button> buttons) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Button(String type, String text) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Paging(Cursors cursors, String next) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cursors(String before, String after) {
    }

    // --- GET /{phone-number-id} -----------------------------------------------------------------

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PhoneNumber(String id, String displayPhoneNumber, String verifiedName, String qualityRating) {
    }

    // --- GET /{media-id} ---------------------------------------------------------------------------

    /** Where a media file is (a URL that expires within minutes) and what Meta knows of it; {@code file_size} comes as a string or a number. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MediaInfo(String id, String url, String mimeType, String sha256, String fileSize) {
    }

    // --- Errors ------------------------------------------------------------------------------------

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ErrorEnvelope(ErrorBody error) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ErrorBody(String message, String type, Integer code, Integer errorSubcode,
            Map<String, Object> errorData, String fbtraceId) {
    }
}
