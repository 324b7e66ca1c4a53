/** The Kairos API versions the emulator serves; the selfie size limits differ between them (§2.1). */
export type KairosVersion = 'v0.1' | 'v0.2';
