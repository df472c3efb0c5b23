package org.stepwise.testsupport;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.bson.Document;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.data.core.PropertyPath;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.convert.QueryMapper;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.index.IndexResolver;
import org.springframework.data.mongodb.core.index.MongoPersistentEntityIndexResolver.IndexDefinitionHolder;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.support.AbstractRepositoryMetadata;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.repository.query.parser.PartTree;

/**
 * Every query a service sends to its store, checked against the indexes its documents
 * declare (the declarations Spring Data's auto index creation turns into indexes on
 * MongoDB and on the embedded store). MongoDB has no {@code explain} on the embedded
 * store, so this is the equivalent assertion, from the declarations:
 * <ul>
 * <li>Repository query methods are discovered by reflection (derived names through Spring
 * Data's own {@link PartTree}, {@code @Query} filters parsed), so a new method without an
 * index fails the check; optimistic-lock saves of {@code @Version} documents
 * ({@code {_id, version}}) are queries too.</li>
 * <li>Queries a service builds with {@code MongoTemplate} are registered explicitly.</li>
 * <li><b>Indexed</b> means: an index whose keys are the filter's fields (in any order)
 * followed by the sort's fields, so MongoDB answers filter and order from the index with
 * no collection scan and no in-memory sort (or the {@code _id} index, for a filter with
 * {@code _id}). A partial index counts only for a query that repeats its filter
 * expression.</li>
 * <li><b>Used by the embedded store</b> (mongo-java-server) is narrower: it implements
 * unique indexes only (a non-unique one is accepted and ignored) and uses one only when
 * the query's fields are exactly the index's keys, by equality, or {@code $in} on a
 * single key. Queries registered as lookups must meet this too; the others are listed by
 * {@link #embeddedScans()}.</li>
 * </ul>
 */
public final class QueryIndexes {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\?(\\d+)");

	private static final Set<String> QUERY_PREFIXES = Set.of("find", "read", "get", "query", "search", "stream",
			"count", "exists", "delete", "remove");

	private final MongoMappingContext mapping = new MongoMappingContext();

	private final QueryMapper queryMapper;

	private final Set<Class<?>> entities = new LinkedHashSet<>();

	private final List<Checked> queries = new ArrayList<>();

	private QueryIndexes() {
		this.mapping.setSimpleTypeHolder(new MongoCustomConversions(List.of()).getSimpleTypeHolder());
		this.mapping.setAutoIndexCreation(true);
		this.queryMapper = new QueryMapper(new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, this.mapping));
	}

	/**
	 * The documents ({@code @Document}) and repositories under a package, every query
	 * method of the latter, and the optimistic-lock save of each versioned document.
	 */
	public static QueryIndexes of(String basePackage) {
		QueryIndexes check = new QueryIndexes();
		for (Class<?> type : scan(basePackage,
				new AnnotationTypeFilter(org.springframework.data.mongodb.core.mapping.Document.class), false)) {
			check.entity(type);
		}
		for (Class<?> repository : scan(basePackage, new AssignableTypeFilter(Repository.class), true)) {
			check.repository(repository);
		}
		return check;
	}

	/**
	 * A document type from elsewhere (e.g. the platform's audit entry) this service
	 * writes.
	 */
	public QueryIndexes entity(Class<?> type) {
		if (this.entities.add(type)) {
			MongoPersistentEntity<?> entity = this.mapping.getRequiredPersistentEntity(type);
			MongoPersistentProperty version = entity.getVersionProperty();
			if (version != null) {
				Map<String, Op> filter = new LinkedHashMap<>();
				filter.put("_id", Op.EQUALS);
				filter.put(version.getFieldName(), Op.EQUALS);
				this.queries.add(new Checked("optimistic-lock save of " + type.getSimpleName(), entity.getCollection(),
						filter, List.of(), new Document(), true));
			}
		}
		return this;
	}

	/** Every query method a repository interface declares. */
	public QueryIndexes repository(Class<?> repository) {
		Class<?> domain = AbstractRepositoryMetadata.getMetadata(repository).getDomainType();
		entity(domain);
		String collection = this.mapping.getRequiredPersistentEntity(domain).getCollection();
		Method[] methods = repository.getDeclaredMethods();
		Arrays.sort(methods, (a, b) -> a.getName().compareTo(b.getName()));
		for (Method method : methods) {
			if (method.isDefault() || method.isSynthetic() || Modifier.isStatic(method.getModifiers())) {
				continue;
			}
			String name = repository.getSimpleName() + "." + method.getName();
			org.springframework.data.mongodb.repository.Query annotated = method
				.getAnnotation(org.springframework.data.mongodb.repository.Query.class);
			if (annotated != null && !annotated.value().isBlank()) {
				Document filter = parse(annotated.value());
				Document sort = annotated.sort().isBlank() ? new Document() : parse(annotated.sort());
				this.queries.add(new Checked(name, collection, operators(filter), new ArrayList<>(sort.keySet()),
						filter, false));
			}
			else if (QUERY_PREFIXES.stream().anyMatch(method.getName()::startsWith)) {
				derived(name, collection, domain, method.getName());
			}
			else {
				throw new IllegalArgumentException(name + " is neither a derived query nor a @Query");
			}
		}
		return this;
	}

	private void derived(String name, String collection, Class<?> domain, String methodName) {
		PartTree tree = new PartTree(methodName, domain);
		List<String> sort = new ArrayList<>();
		for (Sort.Order order : tree.getSort()) {
			sort.add(fieldName(PropertyPath.from(order.getProperty(), domain)));
		}
		int branch = 0;
		List<PartTree.OrPart> branches = tree.stream().toList();
		for (PartTree.OrPart or : branches) {
			Map<String, Op> filter = new LinkedHashMap<>();
			for (Part part : or) {
				filter.put(fieldName(part.getProperty()), switch (part.getType()) {
					case SIMPLE_PROPERTY -> Op.EQUALS;
					case IN -> Op.IN;
					default -> Op.OTHER;
				});
			}
			String label = (branches.size() > 1) ? name + " (or-branch " + ++branch + ")" : name;
			this.queries.add(new Checked(label, collection, filter, sort, new Document(), false));
		}
	}

	private String fieldName(PropertyPath path) {
		return this.mapping.getPersistentPropertyPath(path).toDotPath(MongoPersistentProperty::getFieldName);
	}

	/** A query the service builds itself, on a mapped document type. */
	public QueryIndexes template(String name, Class<?> type, Query query) {
		entity(type);
		MongoPersistentEntity<?> entity = this.mapping.getRequiredPersistentEntity(type);
		Document filter = this.queryMapper.getMappedObject(query.getQueryObject(), entity);
		Document sort = this.queryMapper.getMappedSort(query.getSortObject(), entity);
		this.queries.add(new Checked(name, entity.getCollection(), operators(filter), new ArrayList<>(sort.keySet()),
				filter, false));
		return this;
	}

	/** A query on a collection by name, its fields as stored. */
	public QueryIndexes template(String name, String collection, Query query) {
		this.queries.add(new Checked(name, collection, operators(query.getQueryObject()),
				new ArrayList<>(query.getSortObject().keySet()), query.getQueryObject(), false));
		return this;
	}

	/**
	 * A query that finds one document by a unique key, on a path hot enough that the
	 * embedded store must answer it from an index too.
	 */
	public QueryIndexes lookup(String name, Class<?> type, Query query) {
		template(name, type, query);
		return markLastAsLookup();
	}

	/** {@link #lookup(String, Class, Query)} on a collection by name. */
	public QueryIndexes lookup(String name, String collection, Query query) {
		template(name, collection, query);
		return markLastAsLookup();
	}

	private QueryIndexes markLastAsLookup() {
		Checked last = this.queries.removeLast();
		this.queries.add(new Checked(last.name(), last.collection(), last.filter(), last.sort(), last.raw(), true));
		return this;
	}

	/** Every query checked so far, with its verdicts: for a report. */
	public List<String> describe() {
		return this.queries.stream()
			.map((query) -> String.format("%s on %s %s sort %s -> MongoDB: %s; embedded store: %s", query.name(),
					query.collection(), query.filter().keySet(), query.sort(),
					mongoIndex(query).map(Declared::describe).orElse("NO INDEX"),
					embeddedIndex(query).map(Declared::describe).orElse("scan")))
			.toList();
	}

	/** The names of the queries checked. */
	public List<String> names() {
		return this.queries.stream().map(Checked::name).toList();
	}

	/**
	 * Queries no declared index answers on MongoDB, and lookups the embedded store would
	 * answer with a collection scan: each with what it needs.
	 */
	public List<String> unindexed() {
		List<String> problems = new ArrayList<>();
		for (Checked query : this.queries) {
			if (mongoIndex(query).isEmpty()) {
				List<String> keys = new ArrayList<>(query.filter().keySet());
				keys.removeAll(query.sort());
				keys.addAll(query.sort());
				problems.add(query.name() + " on " + query.collection() + " needs an index on " + keys);
			}
			else if (query.lookup() && embeddedIndex(query).isEmpty()) {
				problems.add(query.name() + " on " + query.collection() + " needs a unique index on exactly "
						+ query.filter().keySet() + " (by equality) for the embedded store");
			}
		}
		return problems;
	}

	/** Queries the embedded store answers by reading the whole collection. */
	public List<String> embeddedScans() {
		return this.queries.stream()
			.filter((query) -> embeddedIndex(query).isEmpty())
			.map((query) -> query.name() + " on " + query.collection() + " " + query.filter().keySet())
			.toList();
	}

	private java.util.Optional<Declared> mongoIndex(Checked query) {
		return indexes(query.collection()).stream().filter((index) -> servesOnMongo(index, query)).findFirst();
	}

	private java.util.Optional<Declared> embeddedIndex(Checked query) {
		return indexes(query.collection()).stream().filter((index) -> servesEmbedded(index, query)).findFirst();
	}

	static boolean servesOnMongo(Declared index, Checked query) {
		Op byId = query.filter().get("_id");
		if (index.keys().equals(List.of("_id")) && (byId == Op.EQUALS || byId == Op.IN)) {
			// MongoDB finds documents by _id first, whatever else the filter holds
			return true;
		}
		// the filter's fields, then the order; a field filtered by range and sorted on
		// comes with the order (an audit read: program, then time)
		Set<String> leading = new LinkedHashSet<>(query.filter().keySet());
		leading.removeAll(query.sort());
		int lead = leading.size();
		if ((lead == 0 && query.sort().isEmpty()) || index.keys().size() != lead + query.sort().size()) {
			return false;
		}
		return new LinkedHashSet<>(index.keys().subList(0, lead)).equals(leading)
				&& index.keys().subList(lead, index.keys().size()).equals(query.sort())
				&& coversPartialFilter(index, query);
	}

	private static boolean coversPartialFilter(Declared index, Checked query) {
		return index.partialFilter()
			.entrySet()
			.stream()
			.allMatch((entry) -> entry.getValue().equals(query.raw().get(entry.getKey())));
	}

	static boolean servesEmbedded(Declared index, Checked query) {
		if (!index.unique() || !new LinkedHashSet<>(index.keys()).equals(query.filter().keySet())) {
			return false;
		}
		Collection<Op> ops = query.filter().values();
		return (index.keys().size() == 1) ? ops.stream().allMatch((op) -> op != Op.OTHER)
				: ops.stream().allMatch((op) -> op == Op.EQUALS);
	}

	private List<Declared> indexes(String collection) {
		List<Declared> declared = new ArrayList<>();
		declared.add(new Declared(collection, "_id_", List.of("_id"), true, new Document()));
		IndexResolver resolver = IndexResolver.create(this.mapping);
		for (Class<?> type : this.entities) {
			for (IndexDefinition definition : resolver.resolveIndexFor(type)) {
				IndexDefinitionHolder holder = (IndexDefinitionHolder) definition;
				if (holder.getCollection().equals(collection)) {
					Document options = holder.getIndexOptions();
					Object partial = options.get("partialFilterExpression");
					declared.add(new Declared(collection, options.getString("name"),
							new ArrayList<>(holder.getIndexKeys().keySet()), Boolean.TRUE.equals(options.get("unique")),
							(partial instanceof Document document) ? document : new Document()));
				}
			}
		}
		return declared;
	}

	private static Document parse(String json) {
		return Document.parse(PLACEHOLDER.matcher(json).replaceAll("\"?$1\""));
	}

	private static Map<String, Op> operators(Document filter) {
		Map<String, Op> operators = new LinkedHashMap<>();
		for (Map.Entry<String, Object> entry : filter.entrySet()) {
			if (entry.getKey().startsWith("$")) {
				throw new IllegalArgumentException(
						"Top-level " + entry.getKey() + " is not checked: " + filter.toJson());
			}
			operators.put(entry.getKey(), op(entry.getValue()));
		}
		return operators;
	}

	private static Op op(Object value) {
		if (value instanceof Document document && document.keySet().stream().anyMatch((key) -> key.startsWith("$"))) {
			return document.keySet().equals(Set.of("$in")) ? Op.IN : Op.OTHER;
		}
		return (value instanceof Pattern) ? Op.OTHER : Op.EQUALS;
	}

	private static List<Class<?>> scan(String basePackage, org.springframework.core.type.filter.TypeFilter filter,
			boolean interfaces) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return interfaces ? definition.getMetadata().isInterface()
						: definition.getMetadata().isConcrete() && definition.getMetadata().isIndependent();
			}
		};
		scanner.addIncludeFilter(filter);
		List<Class<?>> types = new ArrayList<>();
		for (BeanDefinition definition : scanner.findCandidateComponents(basePackage)) {
			try {
				types.add(Class.forName(definition.getBeanClassName()));
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
		}
		types.sort((a, b) -> a.getName().compareTo(b.getName()));
		return types;
	}

	enum Op {

		EQUALS, IN, OTHER

	}

	record Checked(String name, String collection, Map<String, Op> filter, List<String> sort, Document raw,
			boolean lookup) {
	}

	record Declared(String collection, String name, List<String> keys, boolean unique, Document partialFilter) {

		String describe() {
			return this.name + " " + this.keys + (this.unique ? " unique" : "")
					+ (this.partialFilter.isEmpty() ? "" : " partial " + this.partialFilter.toJson());
		}

	}

}
