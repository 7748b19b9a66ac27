// A self-signed certificate made with node:crypto alone, for TLS tests on machines without openssl: Node can
// make keys and signatures but not certificates, so the X.509 structure is written out in DER here (the few
// fields a TLS server certificate needs, as `openssl req -x509` makes them).
import {generateKeyPairSync, randomBytes, sign} from 'node:crypto';

function length(n: number): Buffer {
	if (n < 0x80) return Buffer.from([n]);
	const bytes: number[] = [];
	for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
	return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...parts: Buffer[]): Buffer {
	const value = Buffer.concat(parts);
	return Buffer.concat([Buffer.from([tag]), length(value.length), value]);
}

const sequence = (...parts: Buffer[]) => tlv(0x30, ...parts);
const set = (...parts: Buffer[]) => tlv(0x31, ...parts);
const oid = (hex: string) => tlv(0x06, Buffer.from(hex, 'hex'));
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));
const octets = (value: Buffer) => tlv(0x04, value);
const bits = (value: Buffer) => tlv(0x03, Buffer.from([0]), value);
const TRUE = Buffer.from([0x01, 0x01, 0xff]);

const ECDSA_SHA256 = '2a8648ce3d040302'; // 1.2.840.10045.4.3.2
const COMMON_NAME = '550403'; // 2.5.4.3
const SUBJECT_ALT_NAME = '551d11'; // 2.5.29.17
const BASIC_CONSTRAINTS = '551d13'; // 2.5.29.19

function utcTime(date: Date): Buffer {
	const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
	return tlv(0x17, Buffer.from(text, 'ascii'));
}

function pem(label: string, der: Buffer): string {
	const body = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n');
	return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}

/** A P-256 key and a certificate for `host` (CN and DNS subjectAltName), valid from an hour ago for a day. */
export function selfSignedCertificate(host = 'localhost'): {key: string; cert: string} {
	const {privateKey, publicKey} = generateKeyPairSync('ec', {namedCurve: 'prime256v1'});
	const name = sequence(set(sequence(oid(COMMON_NAME), utf8(host))));
	const serial = randomBytes(8);
	serial[0] = serial[0]! & 0x7f; // positive
	const now = Date.now();
	const algorithm = sequence(oid(ECDSA_SHA256));
	const tbs = sequence(
		tlv(0xa0, tlv(0x02, Buffer.from([2]))), // v3
		tlv(0x02, serial),
		algorithm,
		name,
		sequence(utcTime(new Date(now - 3600_000)), utcTime(new Date(now + 86_400_000))),
		name,
		publicKey.export({type: 'spki', format: 'der'}),
		tlv(
			0xa3,
			sequence(
				sequence(oid(BASIC_CONSTRAINTS), TRUE, octets(sequence(TRUE))),
				sequence(oid(SUBJECT_ALT_NAME), octets(sequence(tlv(0x82, Buffer.from(host, 'ascii'))))),
			),
		),
	);
	const certificate = sequence(tbs, algorithm, bits(sign('sha256', tbs, privateKey)));
	return {key: privateKey.export({type: 'pkcs8', format: 'pem'}) as string, cert: pem('CERTIFICATE', certificate)};
}
