/**
 * Citations, as numbered in docs/scenario-facts.md ("Sources"). Events carry these labels in
 * provenance.refs so a trainer can trace every sourced item back to the sheet and its outlet.
 */
const SOURCES: Record<number, string> = {
  1: 'panamericana.pe/internacionales/459115',
  2: 'diariocorreo.pe (Kast 111 días, 20-11-2025)',
  3: 'larepublica.pe/sociedad/2025/11/22/…1748208',
  4: 'panamericana.pe/24horas/nacionales/459334',
  5: 'diariocorreo.pe/politica/jose-jeri-anuncia-declarara-emergencia…',
  6: 'panamericana.pe/buenosdiasperu/nacionales/459809',
  7: 'gestion.pe/peru/gobierno-sobre-crisis-en-frontera-peru-chile…',
  8: 'es.mercopress.com/2025/11/28/…',
  9: 'swissinfo.ch/spa/…/90550891',
  10: 'localnews8.com/cnn-spanish/2025/11/28/…',
  11: 'enlinea.pe/2025/11/28/…',
  12: 'rpp.pe/…noticia-1665862',
  13: 'panamericana.pe/politica/459902',
  14: 'cnnchile.com/…_20251128',
  15: 'panamericana.pe/24horas/nacionales/459932',
  16: 'adnradio.cl/2025/11/29/…',
  17: 'latercera.com/nacional/noticia/tras-estado-de-emergencia-en-frontera-peruana…',
  18: 'infobae.com/peru/2026/01/25/…',
  19: 'rpp.pe/…noticia-1665947',
  20: 'panamericana.pe/eldominical/nacionales/459952',
  21: 'eldiariodesantiago.cl/2025/11/30/…',
  22: 'adnradio.cl/2025/11/30/…',
  23: 'pauta.cl/actualidad/2025/12/01/…',
  24: 'latercera.com/politica/noticia/patrullajes-conjuntos…',
  25: 'elcomercio.pe/peru/peru-y-chile-instalan-comite-binacional…',
  26: 'df.cl/…/tras-comite-binacional…',
  27: 'puranoticia.pnt.cl/nacional/chile-y-peru-acuerdan…',
  28: 'lanacion.cl/migrantes-ingresan-a-la-fuerza…',
  29: 'rpp.pe/…noticia-1666104',
  30: 'larepublica.pe/sociedad/2025/12/01/…41172',
  31: 'infobae.com/peru/2025/12/01/…',
  32: 'cooperativa.cl/…/2025-12-02/094815.html',
  33: 'puranoticia.pnt.cl/regiones/director-del-servicio-nacional-de-migraciones…',
  34: 'radiouno.pe/noticias/260244',
  35: 'larepublica.pe/politica/2025/12/03/…hnews-239367',
  36: 'diariocorreo.pe/edicion/tacna/presidente-jeri-afirma…',
  37: 'panamericana.pe/locales/460732',
  38: 'panamericana.pe/24horas/politica/460709',
  39: 'radiopolar.com/134-millones-votantes…',
  40: 'df.cl/…/resultado-elecciones-segunda-vuelta',
  41: 'panamericana.pe/24horas/nacionales/461151',
  42: 'latercera.com/politica/noticia/el-laberinto-del-corredor-migratorio/',
  55: 'publimetro.cl/…/2017/08/14/…',
  64: 'aricainformativa.cl/contenido/4998',
};

/** ["scenario-facts [28] lanacion.cl/…", …] for the given source numbers. */
export function refs(...numbers: number[]): string[] {
  return numbers.map((n) => {
    const source = SOURCES[n];
    if (!source) throw new Error(`no source [${n}] in the sheet list`);
    return `scenario-facts [${n}] ${source}`;
  });
}

/** The seed article the sheet was checked against (shared/seed). */
export const SEED_REF = 'shared/seed: wire report of 1 Dec 2025 (joint patrols agreed; follow-up on 19 Dec in Tacna)';
