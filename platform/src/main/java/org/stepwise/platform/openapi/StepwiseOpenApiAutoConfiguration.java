package org.stepwise.platform.openapi;

import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;

import org.stepwise.platform.security.Caller;

/**
 * What every service's OpenAPI document shares: the version from build-info (the title,
 * description and tags are each service's, in its {@code @OpenAPIDefinition} and
 * controllers), the problem responses ({@link ProblemResponses}), request examples from
 * the service's {@link RequestExamples} file, and no {@link Caller} parameter (it comes
 * from the token, never from the request).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
public class StepwiseOpenApiAutoConfiguration {

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	@Bean
	OpenApiCustomizer buildVersion(ObjectProvider<BuildProperties> build,
			@Value("${spring.application.name}") String application) {
		return (openApi) -> {
			Info info = (openApi.getInfo() != null) ? openApi.getInfo() : new Info();
			if (info.getTitle() == null || info.getTitle().equals("OpenAPI definition")) {
				info.title("Stepwise " + application);
			}
			BuildProperties properties = build.getIfAvailable();
			info.version((properties != null) ? properties.getVersion() : "unversioned");
			openApi.info(info);
		};
	}

	@Bean
	ProblemResponses problemResponses() {
		return new ProblemResponses();
	}

	@Bean
	RequestExamples requestExamples() {
		return RequestExamples.fromClasspath();
	}

}
