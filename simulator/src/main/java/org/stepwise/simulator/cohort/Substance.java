package org.stepwise.simulator.cohort;

/**
 * A patient's primary substance: how it appears in a check-in, in the BAM and in a drug
 * screen.
 *
 * @param checkInName the substance named in a check-in reporting use
 * @param bamDrugItem the BAM item 7A-7G for a drug, or null for alcohol (items 4 and 5)
 * @param udsAnalyte the analyte of the drug screen that detects it
 */
public enum Substance {

	ALCOHOL("alcohol", null, "ethyl glucuronide"), CANNABIS("cannabis", "7A", "cannabinoids"),
	OPIOIDS("opioids", "7E", "opiates"), STIMULANTS("cocaine", "7C", "cocaine");

	private final String checkInName;

	private final String bamDrugItem;

	private final String udsAnalyte;

	Substance(String checkInName, String bamDrugItem, String udsAnalyte) {
		this.checkInName = checkInName;
		this.bamDrugItem = bamDrugItem;
		this.udsAnalyte = udsAnalyte;
	}

	public String checkInName() {
		return this.checkInName;
	}

	/** The BAM drug-class item, or null for alcohol. */
	public String bamDrugItem() {
		return this.bamDrugItem;
	}

	public String udsAnalyte() {
		return this.udsAnalyte;
	}

}
