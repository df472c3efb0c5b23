package org.stepwise.assessment.instrument;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.assessment.Instrument;

/** What every instrument describes about itself; subclasses add how it is scored. */
abstract class AbstractInstrument implements InstrumentDefinition {

	private final Instrument instrument;

	private final String title;

	private final @Nullable String loinc;

	private final List<ItemSpec> items;

	private final List<Band> bands;

	private final String scoring;

	private final String stem;

	private final Source source;

	AbstractInstrument(Instrument instrument, String title, @Nullable String loinc, String stem, List<ItemSpec> items,
			List<Band> bands, String scoring, Source source) {
		this.instrument = instrument;
		this.title = title;
		this.loinc = loinc;
		this.stem = stem;
		this.items = List.copyOf(items);
		this.bands = List.copyOf(bands);
		this.scoring = scoring;
		this.source = source;
	}

	@Override
	public final Instrument instrument() {
		return this.instrument;
	}

	@Override
	public final String title() {
		return this.title;
	}

	@Override
	public final Optional<String> loinc() {
		return Optional.ofNullable(this.loinc);
	}

	@Override
	public final List<ItemSpec> items() {
		return this.items;
	}

	@Override
	public final List<Band> bands() {
		return this.bands;
	}

	@Override
	public final String scoring() {
		return this.scoring;
	}

	@Override
	public final String stem() {
		return this.stem;
	}

	@Override
	public final Source source() {
		return this.source;
	}

}
