export function electronPackageDir(): string | null;
export function findElectron(): string | null;
