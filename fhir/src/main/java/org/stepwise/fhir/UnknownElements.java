package org.stepwise.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the elements R4 does not know are in a resource's JSON, as FHIRPath with indexes
 * ({@code Appointment.participant[0].mood}): HAPI's parser reports an unknown element
 * without saying where it is below the root. Walks the JSON beside the R4 model's
 * definitions; an element whose definition is not composite (a primitive, a narrative) is
 * not entered.
 */
final class UnknownElements {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private UnknownElements() {
	}

	/** The paths of the unknown elements; empty when the JSON cannot be read. */
	static List<String> in(String json, FhirContext context) {
		List<String> found = new ArrayList<>();
		try {
			JsonNode root = JSON.readTree(json);
			resource(root, context, null, found);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			// the parser has said what is wrong with it
		}
		return found;
	}

	private static void resource(JsonNode node, FhirContext context, String path, List<String> found) {
		JsonNode type = node.get("resourceType");
		if (type == null || !type.isString()) {
			return;
		}
		BaseRuntimeElementCompositeDefinition<?> definition = context.getResourceDefinition(type.asString());
		composite(node, definition, context, (path == null) ? type.asString() : path, found);
	}

	private static void composite(JsonNode node, BaseRuntimeElementCompositeDefinition<?> definition,
			FhirContext context, String path, List<String> found) {
		for (Map.Entry<String, JsonNode> property : node.properties()) {
			String name = property.getKey();
			if (name.equals("resourceType") || name.equals("fhir_comments")) {
				continue;
			}
			// "_status" carries the id and extensions of the primitive "status"
			String element = name.startsWith("_") ? name.substring(1) : name;
			BaseRuntimeChildDefinition child = definition.getChildByName(element);
			if (child == null) {
				found.add(path + "." + element);
				continue;
			}
			if (name.startsWith("_")) {
				continue;
			}
			BaseRuntimeElementDefinition<?> childDefinition = child.getChildByName(element);
			JsonNode value = property.getValue();
			if (value.isArray()) {
				for (int i = 0; i < value.size(); i++) {
					value(value.get(i), childDefinition, context, path + "." + element + "[" + i + "]", found);
				}
			}
			else {
				value(value, childDefinition, context, path + "." + element, found);
			}
		}
	}

	private static void value(JsonNode node, BaseRuntimeElementDefinition<?> definition, FhirContext context,
			String path, List<String> found) {
		if (!node.isObject() || definition == null) {
			return;
		}
		if (node.has("resourceType")) {
			resource(node, context, path, found);
		}
		else if (definition instanceof BaseRuntimeElementCompositeDefinition<?> composite) {
			composite(node, composite, context, path, found);
		}
	}

}
