// Run once by the mongo image on a fresh volume, signed in as root (docker-compose.yml, mongo): the user the
// services connect as (STEPWISE_MONGODB_URI) may read and write their four databases and nothing else.
const services = ['stepwise-attendance', 'stepwise-assessment', 'stepwise-plan', 'stepwise-alert'];
db.getSiblingDB('admin').createUser({
  user: 'stepwise',
  pwd: process.env.STEPWISE_MONGODB_PASSWORD,
  roles: services.map((database) => ({ role: 'readWrite', db: database })),
});
