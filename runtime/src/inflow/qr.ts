import QRCode from 'qrcode';

/** A route URL as a QR code for print (PNG, 1024 px) or design tools (SVG); error correction M. */
export async function qrCode(url: string, format: 'png' | 'svg'): Promise<Buffer | string> {
  const options = { errorCorrectionLevel: 'M' as const, margin: 4 };
  return format === 'png' ? QRCode.toBuffer(url, { ...options, type: 'png', width: 1024 }) : QRCode.toString(url, { ...options, type: 'svg' });
}
